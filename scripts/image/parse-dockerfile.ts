// The few Dockerfile instructions the image check repeats (FROM, COPY, RUN, ENV, USER, HEALTHCHECK, CMD).
export interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}

export interface Stage {
  name: string;
  copies: Copy[];
  runs: string[];
  env: Record<string, string>;
  user?: string;
  healthcheck?: string[];
  cmd: string[];
}

export interface Dockerfile {
  nodeVersion: string;
  stages: Stage[];
}

/** Instructions with their continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!cur && (line.startsWith('#') || !line)) continue;
    if (line.endsWith('\\')) {
      cur += `${line.slice(0, -1)} `;
      continue;
    }
    out.push(cur + line);
    cur = '';
  }
  return out;
}

const execForm = (s: string): string[] => JSON.parse(s) as string[];

export function parseDockerfile(text: string): Dockerfile {
  const stages: Stage[] = [];
  let nodeVersion = '';
  for (const ins of instructions(text)) {
    const [op, ...rest] = ins.split(/\s+/);
    const args = ins.slice(op!.length).trim();
    const st = stages.at(-1);
    switch (op!.toUpperCase()) {
      case 'FROM': {
        const m = /^node:(\d+\.\d+\.\d+)/.exec(rest[0]!);
        if (m) nodeVersion ||= m[1]!;
        const name = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(stages.length);
        const parent = stages.find((s) => s.name === rest[0]);
        stages.push({ name, copies: [], runs: [], env: { ...(parent?.env ?? {}) }, cmd: [] });
        break;
      }
      case 'COPY': {
        const words = rest.filter((w) => !w.startsWith('--') || w.startsWith('--from='));
        const from = words[0]?.startsWith('--from=') ? words.shift()!.slice(7) : undefined;
        st!.copies.push({ from, sources: words.slice(0, -1), dest: words.at(-1)! });
        break;
      }
      case 'RUN':
        st!.runs.push(args);
        break;
      case 'ENV':
        for (const kv of rest) {
          const [k, ...v] = kv.split('=');
          st!.env[k!] = v.join('=');
        }
        break;
      case 'USER':
        st!.user = rest[0];
        break;
      case 'HEALTHCHECK':
        st!.healthcheck = execForm(args.slice(args.indexOf('CMD') + 3).trim());
        break;
      case 'CMD':
        st!.cmd = execForm(args);
        break;
      default:
        break;
    }
  }
  if (!nodeVersion) throw new Error('Dockerfile: no FROM node:<x.y.z> line');
  return { nodeVersion, stages };
}
