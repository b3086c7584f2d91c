/** The n8n contexts a transport is called from: a node's execute, a trigger's poll, an editor's option list. */
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

export type ServiceContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;
