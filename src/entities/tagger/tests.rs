//! Tests of feature extraction, decoding and the compiled-in model.
