-- Kei trucks come from Japan with odometers that count kilometres. An update's reading typed in
-- km is kept as typed; odometer_miles stays the reading in (rounded) miles, which readings of
-- either unit are compared by.
ALTER TABLE build_updates ADD COLUMN odometer_km INTEGER
    CHECK (odometer_km IS NULL OR odometer_km BETWEEN 0 AND 9999999);
