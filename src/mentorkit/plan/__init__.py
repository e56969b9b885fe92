"""Planning: decide which modules a variant holds, in which order, and why."""
