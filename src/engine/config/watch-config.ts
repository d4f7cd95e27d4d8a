// Which repositories perflab watches, and how each is built and measured:
// the `watch` section of perflab.config.json, or `perflab watch --repo …`.
import { z } from 'zod';

export const watchedRepoSchema = z
  .object({
    /** A remote URL (https://, ssh://, git@host:path) or a local path. */
    url: z.string().min(1),
    branches: z.array(z.string().min(1).regex(/^[^\s~^:?*[\\]+$/, 'a branch name')).min(1).default(['main']),
    /** The suites directory inside the repository. */
    suites: z.string().min(1).default('suites'),
    /** Run in each fresh checkout before measuring, e.g. `npm ci`. */
    install: z.string().min(1).optional(),
    /** How often to `git fetch`, in seconds. */
    pollSeconds: z.number().int().min(5).max(86_400).default(60),
    /** New commits are measured in batches of at most this many (at the batch's last commit); a regression in a batch is bisected. 1 measures every commit. */
    maxBatch: z.number().int().min(1).max(100).default(5),
    /** A build that takes longer fails. */
    buildTimeoutSeconds: z.number().int().min(1).max(86_400).default(900),
    /** Run the canary with each commit's run. Default: as the lab does (on, unless turned off). */
    canary: z.boolean().optional(),
  })
  .strict();

export type WatchedRepo = z.infer<typeof watchedRepoSchema>;

export const watchConfigSchema = z.object({ repos: z.array(watchedRepoSchema).default([]) }).strict();

export type WatchConfig = z.infer<typeof watchConfigSchema>;
