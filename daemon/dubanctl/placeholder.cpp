// Placeholder so the library has a source until the CLI lands; delete then.
