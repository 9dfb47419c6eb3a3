"""Online, time-aware story clustering: features, engine, stage, merge/split, eval, bench."""
