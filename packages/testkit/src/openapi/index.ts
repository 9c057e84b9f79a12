export { ApiContract, type ContractMode, type ObservedResponse } from './api-contract';
