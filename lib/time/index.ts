export * from './local-date';
export * from './format';
