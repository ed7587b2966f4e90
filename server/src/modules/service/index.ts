/** The service module's public surface (便民服务: residents' reports, routing, working-hour deadlines, replies). */
export { serviceCategory, serviceRequest, serviceEvent, servicePhoto } from './request.tables';
export { serviceSetting } from './setting.tables';
export { createHotlineService, type HotlineService } from './hotline.service';
export { hotlineRoutes } from './hotline.routes';
export { createServiceMetrics } from './service.measures';
