/** Every `twin` command. One file per command; add new ones at the end of the list. */
import type { CliCommand } from '../command';
import { importCommand } from './import';
import { jobsCommand } from './jobs';
import { patientsCommand } from './patients';
import { serveCommand } from './serve';
import { fhirCommand } from './fhir';
import { syncCommand } from './sync';
import { pixelsCommand } from './pixels';
import { planCommand } from './plan';
import { epCommand } from './ep';
import { segmentCommand } from './segment';
import { meshCommand } from './mesh';
import { demoCommand } from './demo';
import { pacsCommand } from './pacs';

export const commands: CliCommand[] = [serveCommand, importCommand, patientsCommand, jobsCommand, fhirCommand, syncCommand, pixelsCommand, planCommand, epCommand, segmentCommand, meshCommand, demoCommand, pacsCommand];
