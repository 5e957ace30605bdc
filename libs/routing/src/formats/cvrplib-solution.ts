/**
 * CVRPLIB `.sol`: one line per route, `Route #1: 3 7 12`, customers numbered as in the instance
 * file without the depot (customer k is node k + 1 when the depot is node 1), then `Cost <value>`.
 */
export interface CvrpSolution {
  /** Customer numbers as in the `.sol` file. */
  routes: number[][];
  cost: number | undefined;
}

export function parseCvrplibSolution(text: string): CvrpSolution {
  const routes: number[][] = [];
  let cost: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const route = /^Route\s*#\d+\s*:\s*(.*)$/i.exec(line);
    if (route) {
      routes.push(route[1].trim() === '' ? [] : route[1].trim().split(/\s+/).map(Number));
      continue;
    }
    const total = /^Cost\s+(\S+)$/i.exec(line);
    if (total) cost = Number(total[1]);
  }
  return { routes, cost };
}

export function formatCvrplibSolution(solution: { routes: number[][]; cost: number }): string {
  const lines = solution.routes.map((route, index) => `Route #${index + 1}: ${route.join(' ')}`);
  return [...lines, `Cost ${solution.cost}`].join('\n') + '\n';
}
