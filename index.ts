import { deploySkyport } from "./components/program";

export = deploySkyport;
