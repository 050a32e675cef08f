export * from './channels';
export * from './events';
export * from './rest';
export * from './decode';
export * from './frames';
export * from './frame-builders';
export * from './service-keys';
export * from './auth';
