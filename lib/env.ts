import { z } from 'zod';

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    DATA_DIR: z.string().default('.data'),
    AUTH_SECRET: z.string().optional(),
    APP_URL: z.string().url().default('http://localhost:3000'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    PAGE_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).optional(),
    TRUST_PROXY: booleanish,
    SMTP_URL: z.string().url().optional(),
    MAIL_FROM: z.string().min(3).default('Chitter <no-reply@chitter.localhost>'),
    MENTION_EMAIL_DELAY: z.coerce.number().int().min(0).max(86_400).default(60),
    MENTION_EMAILS_PER_SENDER_PER_HOUR: z.coerce.number().int().min(0).max(1000).default(5),
    MENTION_EMAILS_PER_RECIPIENT_PER_DAY: z.coerce.number().int().min(0).max(10_000).default(20),
    MENTION_EMAILS_PER_PEEP: z.coerce.number().int().min(0).max(100).default(5),
    EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    WORKER: z.enum(['on', 'off']).default('on'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length < 32) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'must be at least 32 characters (openssl rand -base64 48)' });
    }
    if (env.AUTH_SECRET === undefined && env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_SECRET'], message: 'is required when DATABASE_URL is set (openssl rand -base64 48)' });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Settings, read and checked on first use rather than at import, so `next build` needs none. */
export function env(): Env {
  if (!cached) cached = parseEnv(process.env);
  return cached;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const values = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(values);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Chitter cannot start, its settings are invalid:\n${lines.join('\n')}`);
  }
  return result.data;
}
