// Placeholder until the generators land.
export { solve } from "../astar";
