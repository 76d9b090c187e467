// Placeholder so the library has a source until the control server lands; delete then.
