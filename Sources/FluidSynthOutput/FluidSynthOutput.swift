// FluidSynthOutput: see the issue that builds it.
