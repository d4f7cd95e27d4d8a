// Modes, and which way is better for a metric.

export type Mode = 'bench' | 'stress' | 'fuzz';

/** Which way is better for a metric. Timings are `lower`; throughput is `higher`. */
export type Direction = 'lower' | 'higher';
