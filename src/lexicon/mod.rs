//! Embedded gazetteers: countries, places, offices, names and organization cues, compiled
//! into the binary, loaded once, matched on token boundaries.
