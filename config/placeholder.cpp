// Placeholder so the library has a source until the loader lands; delete then.
