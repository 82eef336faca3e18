// Package entry for hosts: mount every command on your own commander program with registerCommands({ program }).
export { registerCommands, type RegisterContext } from "./cli.js";
