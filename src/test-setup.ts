import fc from 'fast-check';

// Property tests run with a fixed seed so that a CI run is repeatable; set FC_SEED to explore
// other inputs locally (a failure prints its seed and counterexample).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
