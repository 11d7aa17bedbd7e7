import type { Framework } from '../framework.ts';
import { qciCapabilityAreas } from './qci-capability.ts';
import { qciCustomerAreas } from './qci-customer.ts';

const area = (areas: readonly Framework['areas'][number][], key: string) => {
  const a = areas.find((x) => x.key === key);
  if (!a) throw new Error(`QCI: the area ${key} is missing`);
  return a;
};

/**
 * The QCI model as a health check of about a hundred practices in its eight areas (the model's order). The
 * sub-components of analysis and planning, proposition, customer development and information and technology are
 * the model's published ones; the others are Kith's own (`ownBreakdown`). Every practice is in Kith's own words.
 */
export const qci: Framework = {
  key: 'qci',
  version: 1,
  name: { vi: 'Mô hình QCI — kiểm tra sức khỏe quản lý khách hàng', en: 'QCI model — customer management health check' },
  description: {
    vi: 'Chấm điểm cách doanh nghiệp quản lý khách hàng theo tám lĩnh vực của mô hình QCI, mỗi thực hành theo hai chiều: Ý định (đã có kế hoạch, được truyền đạt và đồng thuận) và Thực tế (đã làm đầy đủ, có bằng chứng). Kết quả cho biết nên cải thiện ở đâu trước.',
    en: 'Scores how the business manages its customers in the eight areas of the QCI model, each practice on two dimensions: Intention (planned, communicated, bought into) and Reality (fully done, with evidence). The results show where to improve first.',
  },
  source: {
    vi: 'Mô hình QCI (Quality Competitive Index) và phương pháp đánh giá đã công bố của nó. Các thành phần con của Phân tích và lập kế hoạch, Đề xuất giá trị, Phát triển khách hàng, Thông tin và công nghệ theo bản công bố; các lĩnh vực còn lại do Kith tự chia. Mọi câu hỏi do Kith tự viết.',
    en: 'The QCI (Quality Competitive Index) model and its published assessment method. The sub-components of analysis and planning, proposition, customer development and information and technology follow the published breakdown; the other areas are broken down by Kith. Every practice is written by Kith.',
  },
  areas: [
    area(qciCustomerAreas, 'analysis_planning'),
    area(qciCustomerAreas, 'proposition'),
    area(qciCustomerAreas, 'customer_management'),
    area(qciCapabilityAreas, 'people_organisation'),
    area(qciCapabilityAreas, 'information_technology'),
    area(qciCapabilityAreas, 'process_management'),
    area(qciCapabilityAreas, 'measurement'),
    area(qciCustomerAreas, 'customer_experience'),
  ],
};
