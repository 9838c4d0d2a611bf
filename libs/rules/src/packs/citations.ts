/**
 * The documents results cite, spelled once. Article numbers and confidence (C read in the text, S secondary,
 * U unconfirmed) come from the Source and Conf. columns of RULES.md; "Draft Art." numbers are from the
 * 2021-01 draft of the national rules and may differ in the final text.
 */
export const DOCUMENTS = {
  national: '《智能网联汽车道路测试与示范应用管理规范（试行）》（工信部联通装〔2021〕97号）',
  motTransportGuide: '《自动驾驶汽车运输安全服务指南（试行）》（交通运输部，2023-12）',
  smallVehicleStandardDraft: '团体标准征求意见稿《北斗定位小型智能车》（参考值，非坪山或北京规定）',
  beijingRoadTest2019: '《北京市自动驾驶车辆道路测试管理实施细则（试行）》（2019-12 修订）',
  beijingDriverless2021: '《北京市智能网联汽车政策先行区无人化道路测试管理实施细则》（2021-10）',
  beijingRemoteCommentary: '北京政策先行区无人化测试远程监控路径（专家解读，财经 2022-04，非规则原文）',
  beijingDelivery2021: '北京市智能网联汽车政策先行区《无人配送车管理实施细则》（2021-05）',
  beijingDriverless2022: '《北京市智能网联汽车政策先行区无人化道路测试管理实施细则》（2022-04）',
  shenzhenRulesDraft2024: '《深圳市智能网联汽车道路测试与示范应用管理实施细则》修订征求意见稿（2024-10）',
  shenzhenOrdinance: '《深圳经济特区智能网联汽车管理条例》（2022-08-01 施行）',
  nanshanCommercialPilot: '南山区《智能网联汽车商业化运营试点管理办法（试行）》（2025）',
  nanshanSmallVehicles: '南山区功能型无人车管理规定（2025-02-05 施行）',
} as const;
