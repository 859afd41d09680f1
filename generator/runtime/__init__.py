"""How the build uses the machine: worker processes, garbage collector, memory."""
