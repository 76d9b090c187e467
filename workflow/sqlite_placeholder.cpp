// Placeholder so the library has a source until the store lands; delete then.
