// The part of autocannon's API the stress benchmark uses (the package ships
// no types and @types/autocannon is not a dependency).
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    total: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Percentiles;
    /** ms */
    latency: Percentiles;
    /** s */
    duration: number;
    errors: number;
    non2xx: number;
  }
  interface Options {
    url: string;
    connections?: number;
    /** s */
    duration?: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
