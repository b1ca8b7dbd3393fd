"""The optional HTTP adapter, off unless WEB_PORT is set: the public calendar page and feed."""
