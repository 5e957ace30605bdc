/**
 * A capacitated routing problem as the solver sees it: node 0..n-1, one depot, a distance
 * matrix. (The full refill problem — several depots, pickups, time windows — comes later.)
 */
export interface CapacitatedProblem {
  depot: number;
  capacity: number;
  demands: readonly number[];
  distance: readonly (readonly number[])[];
}

/** Routes as node indices, without the depot at either end. */
export type Routes = number[][];

/**
 * Clarke and Wright's savings (parallel version): start with one route per customer, then merge
 * route ends in decreasing order of `d(0,i) + d(0,j) − d(i,j)` while capacity allows. A fast,
 * deterministic first solution, typically within a few percent of the best known.
 */
export function savingsRoutes(problem: CapacitatedProblem): Routes {
  const { depot, capacity, demands, distance } = problem;
  const customers = demands.map((_, node) => node).filter((node) => node !== depot);
  const routeOf = new Map<number, number[]>();
  const loadOf = new Map<number[], number>();
  for (const customer of customers) {
    const route = [customer];
    routeOf.set(customer, route);
    loadOf.set(route, demands[customer]);
  }
  const savings: { i: number; j: number; saving: number }[] = [];
  for (let a = 0; a < customers.length; a++) {
    for (let b = a + 1; b < customers.length; b++) {
      const i = customers[a];
      const j = customers[b];
      savings.push({ i, j, saving: distance[depot][i] + distance[depot][j] - distance[i][j] });
    }
  }
  savings.sort((x, y) => y.saving - x.saving || x.i - y.i || x.j - y.j);
  for (const { i, j, saving } of savings) {
    if (saving <= 0) break;
    const left = routeOf.get(i)!;
    const right = routeOf.get(j)!;
    if (left === right || loadOf.get(left)! + loadOf.get(right)! > capacity) continue;
    const merged = joinAtEnds(left, i, right, j);
    if (!merged) continue;
    loadOf.set(merged, loadOf.get(left)! + loadOf.get(right)!);
    loadOf.delete(left);
    loadOf.delete(right);
    for (const node of merged) routeOf.set(node, merged);
  }
  return [...loadOf.keys()].map((route) => twoOpt(route, depot, distance));
}

/** `left` and `right` joined where `i` and `j` are route ends, or `undefined` if not ends. */
function joinAtEnds(left: number[], i: number, right: number[], j: number): number[] | undefined {
  const leftEnd = left[left.length - 1] === i ? 'tail' : left[0] === i ? 'head' : undefined;
  const rightEnd = right[0] === j ? 'head' : right[right.length - 1] === j ? 'tail' : undefined;
  if (!leftEnd || !rightEnd) return undefined;
  const l = leftEnd === 'tail' ? left : [...left].reverse();
  const r = rightEnd === 'head' ? right : [...right].reverse();
  return [...l, ...r];
}

/** Improves one route by reversing segments while that shortens it (2-opt, first improvement). */
function twoOpt(
  route: number[],
  depot: number,
  distance: CapacitatedProblem['distance'],
): number[] {
  const tour = [depot, ...route, depot];
  let improved = true;
  while (improved) {
    improved = false;
    for (let a = 0; a < tour.length - 3; a++) {
      for (let b = a + 2; b < tour.length - 1; b++) {
        const delta =
          distance[tour[a]][tour[b]] +
          distance[tour[a + 1]][tour[b + 1]] -
          distance[tour[a]][tour[a + 1]] -
          distance[tour[b]][tour[b + 1]];
        if (delta < 0) {
          tour.splice(a + 1, b - a, ...tour.slice(a + 1, b + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return tour.slice(1, -1);
}
