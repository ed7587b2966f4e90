/** The service module's public surface (便民服务: residents' reports, routing, working-hour deadlines, replies). */
export { serviceCategory, serviceRequest, serviceEvent, servicePhoto } from './request.tables';
export { createServiceRequests, type ServiceRequests, type SubmitInput, type SubmitOptions, type Locate, type WorkingTime, type CaseOpener } from './request.service';
export { requestRoutes } from './request.routes';
export { ServiceRequestOut, SubmitServiceRequestBody, ServiceRequestDetail, ServiceEventOut, ServicePhotoOut, ServiceStateS, ServiceSourceS, SatisfactionS } from './request.schemas';
export { SERVICE_STATES, SERVICE_ACTIONS, SERVICE_SOURCES, SATISFACTIONS, OPEN_STATES, FINAL_STATES, isOpen, dueFlag, maskPhone, locationProblem, type ServiceState, type ServiceAction, type ServiceSource, type Satisfaction } from './domain/workflow';
export { serviceSetting } from './setting.tables';
export { createHotlineService, type HotlineService } from './hotline.service';
export { hotlineRoutes } from './hotline.routes';
export { createServiceMetrics } from './service.measures';
export { createServiceCategories, ensureServiceCategoryBaseline, loadWorkingHours, type ServiceCategories } from './category.service';
export { categoryRoutes } from './category.routes';
export { ServiceCategoryOut, WorkingHoursOut } from './category.schemas';
export { createServiceBoard, type ServiceBoard } from './board.service';
export { boardRoutes } from './board.routes';
export { BASELINE_CATEGORIES, LOCAL_DEFAULT_NOTE } from './domain/categories';
export { BOARD_FLAGS, BOARD_STAGES, stageOf, type BoardFlag, type BoardStage } from './domain/board';
export { createDuplicateService, seesRequest, type DuplicateService, type ServiceStep } from './duplicate.service';
export { duplicateRoutes } from './duplicate.routes';
