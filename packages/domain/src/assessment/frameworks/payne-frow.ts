import type { Framework } from '../framework.ts';

/**
 * Payne and Frow's strategic framework for CRM as an assessment: the five cross-functional processes, and the four
 * conditions for carrying them out as areas of their own (docs/models.md §5). The processes' sub-components follow
 * the elements Payne and Frow draw inside each process; the conditions' are Kith's own (`ownBreakdown`). Every
 * practice is Kith's own wording.
 */
export const payneFrow: Framework = {
  key: 'payne_frow',
  version: 1,
  name: { vi: 'Mô hình của Payne & Frow', en: 'Payne & Frow’s strategic framework' },
  description: {
    vi: 'Năm quy trình xuyên suốt các bộ phận mà CRM cần — xây dựng chiến lược, tạo giá trị, tích hợp đa kênh, đánh giá hiệu quả và quản lý thông tin — cùng bốn điều kiện để triển khai chúng: sự sẵn sàng, quản lý thay đổi, quản lý dự án và sự gắn kết của nhân viên. Bộ khung cho thấy doanh nghiệp đang hụt ở quy trình nào, hay ở chính khả năng thực hiện thay đổi.',
    en: 'The five cross-functional processes CRM needs — strategy development, value creation, multichannel integration, performance assessment and information management — and the four conditions for carrying them out: readiness, change management, project management and employee engagement. It shows whether a business falls short in a process or in its ability to make the change at all.',
  },
  source: {
    vi: 'Dựa trên khung chiến lược CRM của Adrian Payne và Pennie Frow (đăng trên Journal of Marketing năm 2005) và bốn yếu tố triển khai mà hai tác giả bổ sung ở công trình sau đó; các giáo trình CRM tiếng Việt gọi là “mô hình của Payne & Frow”. Thành phần con của năm quy trình theo các yếu tố mà hai tác giả vẽ trong từng quy trình (có chỗ gộp lại); thành phần con của bốn điều kiện và toàn bộ thực hành do Kith tự soạn.',
    en: 'Based on the strategic framework for CRM by Adrian Payne and Pennie Frow (published in the Journal of Marketing in 2005) and the four implementation elements they added in later work; Vietnamese CRM courses call it “Payne & Frow’s model”. The five processes’ sub-components follow the elements the authors draw inside each process (some merged); the four conditions’ sub-components and every practice are Kith’s own.',
  },
  areas: [
    {
      key: 'strategy_development',
      name: { vi: 'Xây dựng chiến lược', en: 'Strategy development' },
      summary: {
        vi: 'Chiến lược kinh doanh (tầm nhìn, lợi thế cạnh tranh) và chiến lược khách hàng (phục vụ ai, chia họ thế nào) đi cùng nhau.',
        en: 'The business strategy (vision, competitive advantage) and the customer strategy (whom to serve, how to group them) made together.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'business_strategy',
          name: { vi: 'Chiến lược kinh doanh', en: 'Business strategy' },
          practices: [
            {
              id: 'pf.strategy.1',
              text: {
                vi: 'Chiến lược kinh doanh nói rõ doanh nghiệp cạnh tranh bằng gì (giá, chất lượng, dịch vụ, sự tiện lợi) và khách hàng giữ vai trò gì trong đó.',
                en: 'The business strategy says what the business competes on (price, quality, service, convenience) and what part customers play in it.',
              },
              intention: {
                vi: 'Chiến lược được viết ra, ban lãnh đạo thống nhất và đã trình bày cho các trưởng bộ phận.',
                en: 'The strategy is written down, agreed by the leadership and presented to the heads of department.',
              },
              reality: {
                vi: 'Các bộ phận lập kế hoạch của mình từ chiến lược đó, và nó được xem lại mỗi năm.',
                en: 'The departments build their plans from it, and it is reviewed every year.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Viết chiến lược kinh doanh trong một trang, nêu rõ lợi thế cạnh tranh và vai trò của khách hàng',
                    en: 'Write the business strategy on one page, naming the competitive advantage and the customers’ part in it',
                  },
                  screen: 'assessments',
                },
              ],
            },
            {
              id: 'pf.strategy.2',
              text: {
                vi: 'Doanh nghiệp theo dõi đối thủ và những thay đổi của thị trường qua chính khách hàng của mình, và điều chỉnh chiến lược khi cần.',
                en: 'The business follows competitors and market changes through its own customers, and adjusts its strategy when needed.',
              },
              intention: {
                vi: 'Đã quy định ghi lại thông tin về đối thủ mà khách nhắc tới và ai tổng hợp.',
                en: 'It is settled that what customers say about competitors is recorded, and who pulls it together.',
              },
              reality: {
                vi: 'Thông tin đối thủ được ghi trên hồ sơ khách hàng và được tổng hợp trong mỗi lần xem lại chiến lược.',
                en: 'Competitor information is recorded on customer records and summarised at every strategy review.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm trường “đang mua của đối thủ nào” để đội bán hàng ghi lại',
                    en: 'Add a “buys from which competitor” field for the sales team to fill in',
                  },
                  screen: 'settings_fields',
                },
              ],
            },
          ],
        },
        {
          key: 'customer_strategy',
          name: { vi: 'Chiến lược khách hàng', en: 'Customer strategy' },
          practices: [
            {
              id: 'pf.strategy.3',
              text: {
                vi: 'Doanh nghiệp chọn rõ những khách hàng mình phục vụ và chia họ thành các phân khúc đủ chi tiết để hành động.',
                en: 'The business chooses which customers it serves and divides them into segments fine enough to act on.',
              },
              intention: {
                vi: 'Tiêu chí chọn và chia khách hàng đã được thống nhất giữa bán hàng, marketing và chăm sóc.',
                en: 'The criteria for choosing and grouping customers are agreed between sales, marketing and service.',
              },
              reality: {
                vi: 'Các phân khúc có trong CRM, được làm mới định kỳ và được dùng để chọn đối tượng chăm sóc.',
                en: 'The segments exist in the CRM, are refreshed on a schedule and are used to choose whom to care for.',
              },
              weight: 2,
              indicators: ['segments_in_use', 'scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Tạo phân khúc mục tiêu theo nhóm RFM và hạng giá trị', en: 'Create the target segments from RFM groups and value tiers' },
                  screen: 'segments',
                },
              ],
            },
            {
              id: 'pf.strategy.4',
              text: {
                vi: 'Mỗi phân khúc có cách tiếp cận và chỉ tiêu riêng (thu hút, giữ chân, bán thêm) được các bộ phận liên quan cùng đồng ý.',
                en: 'Each segment has its own approach and targets (win, keep, sell more) agreed by the departments involved.',
              },
              intention: {
                vi: 'Cách tiếp cận và chỉ tiêu của từng phân khúc có trong kế hoạch năm.',
                en: 'Each segment’s approach and targets are in the annual plan.',
              },
              reality: {
                vi: 'Các phân khúc chính đều có chỉ tiêu và kết quả được so với chỉ tiêu hằng tháng.',
                en: 'The main segments all have targets, and results are compared with them monthly.',
              },
              weight: 1,
              indicators: ['segment_targets'],
              actions: [
                {
                  kind: 'strategic',
                  text: { vi: 'Đặt chỉ tiêu và cách chăm sóc cho từng phân khúc', en: 'Set targets and a care approach for each segment' },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'value_creation',
      name: { vi: 'Tạo giá trị', en: 'Value creation' },
      summary: {
        vi: 'Giá trị khách hàng nhận được từ doanh nghiệp, và giá trị doanh nghiệp nhận lại từ khách hàng: lòng trung thành, doanh thu, lời giới thiệu.',
        en: 'The value customers receive from the business, and the value the business gets back from them: loyalty, revenue, referrals.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'value_to_customer',
          name: { vi: 'Giá trị khách hàng nhận được', en: 'Value the customer receives' },
          practices: [
            {
              id: 'pf.value.1',
              text: {
                vi: 'Mỗi phân khúc có một đề xuất giá trị rõ ràng: khách nhận được gì ở đây mà khó tìm được ở nơi khác.',
                en: 'Each segment has a clear value proposition: what customers get here that is hard to find elsewhere.',
              },
              intention: {
                vi: 'Đề xuất giá trị của từng phân khúc được viết ra và đội bán hàng, chăm sóc đã nắm.',
                en: 'Each segment’s value proposition is written down and known to the sales and service teams.',
              },
              reality: {
                vi: 'Lời chào hàng, ưu đãi và kịch bản chăm sóc của từng phân khúc đều thể hiện đúng đề xuất đó.',
                en: 'Each segment’s pitch, offers and care playbook all carry that proposition.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Viết đề xuất giá trị cho từng phân khúc và đưa vào kịch bản chăm sóc',
                    en: 'Write a value proposition for each segment and build it into the care playbook',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'pf.value.2',
              text: {
                vi: 'Doanh nghiệp kiểm chứng khách có thực sự cảm nhận được giá trị đó không, bằng khảo sát và phản hồi.',
                en: 'The business checks whether customers actually feel that value, through surveys and feedback.',
              },
              intention: {
                vi: 'Đã định câu hỏi nào đo giá trị khách cảm nhận, hỏi ai và khi nào.',
                en: 'It is settled which questions measure the value customers perceive, whom to ask and when.',
              },
              reality: {
                vi: 'Khảo sát được gửi đều đặn, đủ phản hồi, và kết quả theo phân khúc được dùng để sửa đề xuất.',
                en: 'Surveys go out routinely with enough answers, and the results by segment are used to refine the proposition.',
              },
              weight: 1,
              indicators: ['nps', 'csat', 'survey_response_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Gửi khảo sát hỏi khách điều họ coi trọng nhất', en: 'Send a survey asking customers what they value most' },
                  screen: 'surveys',
                },
              ],
            },
          ],
        },
        {
          key: 'value_to_business',
          name: { vi: 'Giá trị doanh nghiệp nhận được', en: 'Value the business receives' },
          practices: [
            {
              id: 'pf.value.3',
              text: {
                vi: 'Giá trị vòng đời của từng khách và từng phân khúc được tính, và chi phí thu hút, giữ chân được cân nhắc theo đó.',
                en: 'The lifetime value of each customer and segment is computed, and the cost of winning and keeping them is weighed against it.',
              },
              intention: {
                vi: 'Cách tính giá trị vòng đời và mức chi tối đa cho từng hạng đã được thống nhất.',
                en: 'How lifetime value is computed, and the most to spend on each tier, are agreed.',
              },
              reality: {
                vi: 'Giá trị vòng đời được làm mới hằng tháng và ngân sách chăm sóc, ưu đãi được chia theo hạng giá trị.',
                en: 'Lifetime value is refreshed monthly, and the care and offer budgets are split by value tier.',
              },
              weight: 2,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem giá trị vòng đời theo hạng và nhập chi phí phục vụ',
                    en: 'View lifetime value by tier and enter the cost to serve',
                  },
                  screen: 'analytics_value',
                },
              ],
            },
            {
              id: 'pf.value.4',
              text: {
                vi: 'Khách được khuyến khích mua lại, mua thêm và giới thiệu người mới, bằng điểm thưởng, hạng thành viên hoặc mã giới thiệu.',
                en: 'Customers are encouraged to buy again, buy more and refer others, through points, membership tiers or referral codes.',
              },
              intention: {
                vi: 'Chương trình khách hàng thân thiết đã được thiết kế, có ngân sách và được thông báo cho nhân viên.',
                en: 'A loyalty programme is designed, budgeted and announced to staff.',
              },
              reality: {
                vi: 'Chương trình đang chạy trên mọi đơn hàng, và tỷ lệ mua lại, mua chéo đang tăng.',
                en: 'The programme runs on every order, and the repeat and cross-purchase rates are rising.',
              },
              weight: 1,
              indicators: ['repeat_purchase_rate', 'cross_sell_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Bật điểm thưởng, hạng thành viên và mã giới thiệu', en: 'Turn on points, membership tiers and referral codes' },
                  screen: 'settings_loyalty',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'multichannel_integration',
      name: { vi: 'Tích hợp đa kênh', en: 'Multichannel integration' },
      summary: {
        vi: 'Mọi kênh (cửa hàng, điện thoại, Zalo, Facebook, website, email) và mọi bộ phận nhìn thấy cùng một khách hàng và phục vụ nhất quán.',
        en: 'Every channel (shop, phone, Zalo, Facebook, website, email) and every department sees the same customer and serves them consistently.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'channels',
          name: { vi: 'Lựa chọn kênh', en: 'Channel choice' },
          practices: [
            {
              id: 'pf.channels.1',
              text: {
                vi: 'Doanh nghiệp biết khách đến và liên hệ qua những kênh nào, và chọn kênh phù hợp cho từng phân khúc.',
                en: 'The business knows through which channels customers arrive and get in touch, and picks the right channels for each segment.',
              },
              intention: {
                vi: 'Vai trò của từng kênh với từng phân khúc đã được xác định và thông báo.',
                en: 'The part each channel plays for each segment is defined and announced.',
              },
              reality: {
                vi: 'Nguồn và kênh của khách được ghi đầy đủ, và số khách mới theo kênh được xem hằng tháng.',
                en: 'Customers’ source and channel are recorded, and new customers by channel are reviewed monthly.',
              },
              weight: 1,
              indicators: ['field_completeness', 'new_customers_per_month'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem khách hàng mới theo nguồn và theo kênh', en: 'View new customers by source and by channel' },
                  screen: 'analytics_customers',
                },
              ],
            },
            {
              id: 'pf.channels.2',
              text: {
                vi: 'Khách được liên hệ qua kênh họ chọn, và việc họ đồng ý hay từ chối nhận tin được tôn trọng ở mọi kênh.',
                en: 'Customers are contacted on the channel they choose, and their consent or refusal to receive messages is respected on every channel.',
              },
              intention: {
                vi: 'Quy định về kênh ưa thích và sự đồng ý nhận tin đã được phổ biến cho mọi người liên hệ khách.',
                en: 'The rules on preferred channels and consent are known to everyone who contacts customers.',
              },
              reality: {
                vi: 'Phần lớn khách có ghi nhận đồng ý, và không có khiếu nại vì bị làm phiền.',
                en: 'Most customers have a recorded consent, and there are no complaints about unwanted messages.',
              },
              weight: 1,
              indicators: ['consent_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Hỏi và ghi nhận sự đồng ý nhận tin trên trang khách hàng ở lần liên hệ tới',
                    en: 'Ask for and record marketing consent on the customer page at the next contact',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
        {
          key: 'integrated_management',
          name: { vi: 'Quản lý kênh tích hợp', en: 'Integrated channel management' },
          practices: [
            {
              id: 'pf.channels.3',
              text: {
                vi: 'Mọi tương tác, dù qua kênh nào, đều được ghi vào cùng một lịch sử khách hàng mà mọi bộ phận xem được.',
                en: 'Every interaction, whatever the channel, is recorded in the one customer history that every department can see.',
              },
              intention: {
                vi: 'Đã quy định tương tác nào phải ghi vào CRM và trong bao lâu.',
                en: 'It is settled which interactions must be recorded in the CRM, and how soon.',
              },
              reality: {
                vi: 'Cuộc gọi, tin nhắn, cuộc gặp đều có trên lịch sử khách hàng, và hiếm khách nào bị bỏ quên.',
                en: 'Calls, messages and meetings all appear in the customer’s history, and few customers are left untouched.',
              },
              weight: 2,
              indicators: ['stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi cuộc gọi, tin nhắn Zalo và cuộc gặp vào lịch sử của khách ngay sau khi liên hệ',
                    en: 'Log calls, Zalo messages and meetings on the customer’s history right after each contact',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'pf.channels.4',
              text: {
                vi: 'Yêu cầu từ email, điện thoại, chat hay tại cửa hàng đều vào một hàng đợi và được trả lời nhất quán, với cùng thời hạn.',
                en: 'Requests by email, phone, chat or in the shop all join one queue and get consistent answers, with the same deadlines.',
              },
              intention: {
                vi: 'Một hàng đợi chung và thời hạn trả lời cho mọi kênh đã được quyết định.',
                en: 'One shared queue and response deadlines for every channel have been decided.',
              },
              reality: {
                vi: 'Yêu cầu từ mọi kênh đều thành yêu cầu hỗ trợ trong CRM và phần lớn đạt SLA.',
                en: 'Requests from every channel become tickets in the CRM and most meet their SLA.',
              },
              weight: 1,
              indicators: ['sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đặt chính sách SLA chung cho yêu cầu hỗ trợ từ mọi kênh',
                    en: 'Set one SLA policy for tickets from every channel',
                  },
                  screen: 'settings_care',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'performance_assessment',
      name: { vi: 'Đánh giá hiệu quả hoạt động', en: 'Performance assessment' },
      summary: {
        vi: 'Đo xem CRM mang lại gì cho khách hàng, nhân viên và chủ doanh nghiệp, theo dõi bằng chỉ số, và điều chỉnh chiến lược khi kết quả không đạt.',
        en: 'Measuring what CRM brings customers, staff and owners, following it with metrics, and adjusting the strategy when results fall short.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'results',
          name: { vi: 'Kết quả mang lại', en: 'Results delivered' },
          practices: [
            {
              id: 'pf.performance.1',
              text: {
                vi: 'Doanh nghiệp đo CRM mang lại gì: khách giữ lại được, doanh thu mỗi khách, chi phí giảm, nhân viên làm việc dễ hơn.',
                en: 'The business measures what CRM brings: customers kept, revenue per customer, costs cut, easier work for staff.',
              },
              intention: {
                vi: 'Các kết quả cần đo và mốc xuất phát đã được ghi lại khi bắt đầu.',
                en: 'The results to measure and their starting point were recorded at the outset.',
              },
              reality: {
                vi: 'Các kết quả được đo ít nhất mỗi quý, so với mốc xuất phát, và báo cáo cho lãnh đạo.',
                en: 'The results are measured at least quarterly against the starting point and reported to the leadership.',
              },
              weight: 2,
              indicators: ['repeat_purchase_rate', 'churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem tỷ lệ mua lại và giữ chân theo nhóm khách hàng', en: 'Look at repeat purchase and retention by cohort' },
                  screen: 'analytics_customers',
                },
              ],
            },
            {
              id: 'pf.performance.2',
              text: {
                vi: 'Kết quả về phía khách hàng (hài lòng, sẵn lòng giới thiệu) được báo cáo cạnh kết quả tài chính.',
                en: 'Customer results (satisfaction, willingness to recommend) are reported beside the financial results.',
              },
              intention: {
                vi: 'Ban lãnh đạo đã quyết định đưa NPS và CSAT vào báo cáo định kỳ.',
                en: 'The leadership has decided to put NPS and CSAT in the regular report.',
              },
              reality: {
                vi: 'Mọi báo cáo tháng đều có NPS, CSAT với đủ phản hồi, đặt cạnh doanh thu.',
                en: 'Every monthly report has NPS and CSAT, from enough answers, beside revenue.',
              },
              weight: 1,
              indicators: ['nps', 'csat', 'survey_response_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem NPS và CSAT theo tháng và theo nhóm', en: 'View NPS and CSAT by month and by team' },
                  screen: 'survey_results',
                },
              ],
            },
          ],
        },
        {
          key: 'monitoring',
          name: { vi: 'Theo dõi hiệu quả', en: 'Performance monitoring' },
          practices: [
            {
              id: 'pf.performance.3',
              text: {
                vi: 'Bán hàng, chăm sóc và marketing mỗi bên có bộ chỉ số (KPI) với chỉ tiêu rõ ràng và được theo dõi đều đặn.',
                en: 'Sales, service and marketing each have a set of KPIs with clear targets, followed routinely.',
              },
              intention: {
                vi: 'Các KPI và chỉ tiêu đã được thống nhất với từng bộ phận.',
                en: 'The KPIs and their targets are agreed with each department.',
              },
              reality: {
                vi: 'Mọi thành viên liên quan đều có KPI có chỉ tiêu, và kết quả được xem lại hằng tháng.',
                en: 'Every member concerned has KPIs with targets, and results are reviewed monthly.',
              },
              weight: 1,
              indicators: ['kpi_targets', 'kpi_coverage', 'sla_attainment'],
              actions: [
                {
                  kind: 'strategic',
                  text: { vi: 'Định nghĩa KPI và chỉ tiêu cho từng nhóm', en: 'Define the KPIs and targets of each team' },
                  screen: 'settings_teams',
                },
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem báo cáo SLA theo nhóm và theo nhân viên', en: 'View the SLA report by team and by agent' },
                  screen: 'care_reports',
                },
              ],
            },
            {
              id: 'pf.performance.4',
              text: {
                vi: 'Khi chỉ số không đạt, chiến lược và đề xuất giá trị được điều chỉnh dựa trên phản hồi của khách hàng và các bộ phận.',
                en: 'When the figures fall short, the strategy and the value proposition are adjusted from the feedback of customers and departments.',
              },
              intention: {
                vi: 'Đã có lịch xem lại định kỳ, nối kết quả đo với việc điều chỉnh chiến lược.',
                en: 'There is a regular review that links the measured results to changes in the strategy.',
              },
              reality: {
                vi: 'Có ví dụ gần đây về một thay đổi chiến lược hay đề xuất giá trị xuất phát từ số liệu đo được.',
                en: 'There are recent examples of a change in strategy or proposition that came from the measured figures.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Chạy lại bản đánh giá này mỗi sáu tháng và so với lần trước',
                    en: 'Run this assessment again every six months and compare with the last',
                  },
                  screen: 'assessments',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'information_management',
      name: { vi: 'Quản lý thông tin', en: 'Information management' },
      summary: {
        vi: 'Thu thập, lưu giữ và phân tích thông tin khách hàng, và đưa nó tới đúng người đúng lúc để hành động.',
        en: 'Collecting, keeping and analysing customer information, and getting it to the right person at the right time to act on.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'data_repository',
          name: { vi: 'Kho dữ liệu khách hàng', en: 'Customer data repository' },
          practices: [
            {
              id: 'pf.info.1',
              text: {
                vi: 'Có một kho dữ liệu khách hàng duy nhất, đầy đủ và sạch: thông tin liên hệ, đơn hàng, tương tác, không trùng lặp.',
                en: 'There is a single, complete and clean customer repository: contact details, orders, interactions, no duplicates.',
              },
              intention: {
                vi: 'Các quy tắc nhập liệu và người chịu trách nhiệm chất lượng dữ liệu đã được chỉ định.',
                en: 'Data-entry rules and someone responsible for data quality have been set.',
              },
              reality: {
                vi: 'Các trường then chốt gần như luôn có dữ liệu và danh sách trùng lặp chờ xử lý luôn ngắn.',
                en: 'The key fields are almost always filled in and the queue of duplicates waiting is always short.',
              },
              weight: 2,
              indicators: ['field_completeness', 'duplicates_waiting'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem và gộp các hồ sơ trùng đang chờ', en: 'Review and merge the duplicates waiting' },
                  screen: 'duplicates',
                },
              ],
            },
            {
              id: 'pf.info.2',
              text: {
                vi: 'Dữ liệu từ các hệ thống khác (phần mềm bán hàng, website, sàn thương mại điện tử) được đưa vào đều đặn và kiểm tra lỗi.',
                en: 'Data from other systems (point of sale, website, marketplaces) comes in routinely and is checked for errors.',
              },
              intention: {
                vi: 'Nguồn dữ liệu, lịch nhập và người phụ trách đã được xác định.',
                en: 'The data sources, the import schedule and who does it are settled.',
              },
              reality: {
                vi: 'Các lần nhập diễn ra đúng lịch, gần như không có dòng lỗi, và lỗi được sửa ngay.',
                en: 'Imports run on schedule with almost no refused rows, and errors are fixed at once.',
              },
              weight: 1,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Nhập đơn hàng từ phần mềm bán hàng và xem tệp lỗi', en: 'Import the orders from the point of sale and check the error file' },
                  screen: 'imports',
                },
              ],
            },
          ],
        },
        {
          key: 'systems_analysis',
          name: { vi: 'Hệ thống và công cụ phân tích', en: 'Systems and analysis tools' },
          practices: [
            {
              id: 'pf.info.3',
              text: {
                vi: 'Thông tin đến được người cần: khi chăm sóc khách hàng biết khách muốn nâng cấp hay mua thêm, bán hàng được báo ngay trong CRM.',
                en: 'Information reaches whoever needs it: when service learns a customer wants to upgrade or buy more, sales is told at once in the CRM.',
              },
              intention: {
                vi: 'Cách chuyển thông tin giữa các bộ phận qua CRM đã được thống nhất.',
                en: 'How departments pass information to each other through the CRM is agreed.',
              },
              reality: {
                vi: 'Nhu cầu mới của khách được chuyển thành việc cần làm hoặc cơ hội cho người phụ trách, không qua lời nhắn miệng.',
                en: 'A customer’s new need becomes a task or a deal for its owner, not a message passed on by word of mouth.',
              },
              weight: 1,
              indicators: ['owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo việc cần làm cho người phụ trách ngay khi khách có nhu cầu mới',
                    en: 'Create a task for the owner as soon as a customer has a new need',
                  },
                  screen: 'tasks',
                },
              ],
            },
            {
              id: 'pf.info.4',
              text: {
                vi: 'Công cụ phân tích (RFM, giá trị vòng đời, nguy cơ rời bỏ) được dùng để ra quyết định, không chỉ để xem.',
                en: 'The analysis tools (RFM, lifetime value, churn risk) are used to make decisions, not only to look at.',
              },
              intention: {
                vi: 'Đã quy định quyết định nào phải dựa trên số liệu phân tích, ví dụ chọn khách để giữ chân.',
                en: 'It is settled which decisions must rest on the analysis, for example choosing whom to win back.',
              },
              reality: {
                vi: 'Điểm khách hàng luôn được cập nhật, và các phân khúc từ phân tích đang là đối tượng của kịch bản chăm sóc.',
                en: 'Customer scores are always current, and segments from the analysis are the audiences of care playbooks.',
              },
              weight: 1,
              indicators: ['scored_share_30d', 'segments_in_use'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Dùng phân khúc “có nguy cơ rời bỏ” làm đối tượng của một kịch bản chăm sóc',
                    en: 'Make the “at risk” segment the audience of a care playbook',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'readiness',
      name: { vi: 'Sự sẵn sàng cho CRM', en: 'CRM readiness' },
      summary: {
        vi: 'Trước khi triển khai hay mở rộng CRM, doanh nghiệp biết mình đang ở đâu về dữ liệu, quy trình, con người và công nghệ.',
        en: 'Before rolling out or extending CRM, the business knows where it stands on data, processes, people and technology.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'starting_point',
          name: { vi: 'Điểm xuất phát', en: 'Starting point' },
          ownBreakdown: true,
          practices: [
            {
              id: 'pf.readiness.1',
              text: {
                vi: 'Trước khi triển khai hay mở rộng CRM, doanh nghiệp đã tự đánh giá mức sẵn sàng: dữ liệu, quy trình, con người, công nghệ.',
                en: 'Before rolling out or extending CRM, the business has assessed its readiness: data, processes, people, technology.',
              },
              intention: {
                vi: 'Ban lãnh đạo đã quyết định đánh giá mức sẵn sàng và chọn người tham gia.',
                en: 'The leadership has decided to assess readiness and chosen who takes part.',
              },
              reality: {
                vi: 'Có một bản đánh giá hoàn chỉnh, và kế hoạch triển khai xử lý những điểm yếu nó chỉ ra.',
                en: 'There is a completed assessment, and the rollout plan deals with the weak points it found.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Chạy bản đánh giá này với các trưởng bộ phận để làm mốc xuất phát',
                    en: 'Run this assessment with the heads of department as a starting point',
                  },
                  screen: 'assessments',
                },
              ],
            },
            {
              id: 'pf.readiness.2',
              text: {
                vi: 'Dữ liệu khách hàng hiện có (sổ sách, Excel, phần mềm bán hàng) đã được gom lại và làm sạch trước khi dựa vào CRM.',
                en: 'The existing customer data (notebooks, spreadsheets, point of sale) has been gathered and cleaned before relying on the CRM.',
              },
              intention: {
                vi: 'Danh sách các nguồn dữ liệu và người gom từng nguồn đã được lập.',
                en: 'The data sources, and who gathers each one, are listed.',
              },
              reality: {
                vi: 'Mọi nguồn đã được nhập, ít dòng lỗi, và trùng lặp đã được gộp.',
                en: 'Every source has been imported with few refused rows, and the duplicates have been merged.',
              },
              weight: 1,
              indicators: ['import_error_rate', 'duplicates_waiting'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập từng danh sách khách hàng cũ, chạy thử trước và xem tệp lỗi',
                    en: 'Import each old customer list, with a dry run first and a look at the error file',
                  },
                  screen: 'imports',
                },
              ],
            },
            {
              id: 'pf.readiness.3',
              text: {
                vi: 'CRM có người phụ trách được ban lãnh đạo giao, có ngân sách và thời gian dành riêng.',
                en: 'CRM has an owner appointed by the leadership, with a budget and time set aside for it.',
              },
              intention: {
                vi: 'Người phụ trách CRM đã được chỉ định và thông báo cho toàn doanh nghiệp.',
                en: 'The CRM owner has been appointed and announced to the whole business.',
              },
              reality: {
                vi: 'Người phụ trách thực sự dành thời gian cho CRM mỗi tuần và có quyền quản trị hệ thống.',
                en: 'The owner really spends time on CRM every week and administers the system.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Giao vai trò quản trị CRM cho người phụ trách', en: 'Give the CRM owner the administrator role' },
                  screen: 'settings_members',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'change_management',
      name: { vi: 'Quản lý thay đổi CRM', en: 'CRM change management' },
      summary: {
        vi: 'CRM đổi cách mọi người làm việc: thay đổi cần được giải thích, kiểm soát và theo dõi cho tới khi thành thói quen.',
        en: 'CRM changes how people work: the change must be explained, controlled and followed until it becomes habit.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'adoption',
          name: { vi: 'Thay đổi cách làm việc', en: 'Changing how people work' },
          ownBreakdown: true,
          practices: [
            {
              id: 'pf.change.1',
              text: {
                vi: 'Nhân viên được giải thích vì sao phải đổi cách làm và CRM giúp gì cho chính công việc của họ, trước khi thay đổi.',
                en: 'Staff are told why the way of working changes and how CRM helps their own job, before the change.',
              },
              intention: {
                vi: 'Có kế hoạch truyền thông về thay đổi, được lãnh đạo ủng hộ.',
                en: 'There is a plan for communicating the change, backed by the leadership.',
              },
              reality: {
                vi: 'Mọi nhóm đã được giới thiệu, và nhân viên nói được lợi ích của CRM với công việc của mình.',
                en: 'Every team has been briefed, and staff can say what CRM does for their work.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Tổ chức buổi giới thiệu CRM cho từng nhóm, nêu rõ lợi ích cho công việc của họ',
                    en: 'Brief each team on CRM, showing what it does for their work',
                  },
                  screen: 'settings_teams',
                },
              ],
            },
            {
              id: 'pf.change.2',
              text: {
                vi: 'Thay đổi trên CRM (thêm trường, sửa giai đoạn, đổi kịch bản) có cách đề xuất, duyệt và thông báo rõ ràng.',
                en: 'Changes to the CRM (new fields, pipeline stages, playbooks) are proposed, approved and announced in a set way.',
              },
              intention: {
                vi: 'Ai được đề xuất, ai duyệt và cách thông báo thay đổi đã được quy định.',
                en: 'Who may propose, who approves and how changes are announced are settled.',
              },
              reality: {
                vi: 'Chỉ người có vai trò quản trị sửa được cấu hình, và mỗi thay đổi đều được báo trước cho người dùng.',
                en: 'Only administrators can change the configuration, and every change is announced to users beforehand.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Giới hạn quyền sửa trường, quy trình và kịch bản cho vai trò quản trị',
                    en: 'Limit changes to fields, pipelines and playbooks to the administrator role',
                  },
                  screen: 'settings_roles',
                },
              ],
            },
            {
              id: 'pf.change.3',
              text: {
                vi: 'Sau mỗi thay đổi, việc dùng CRM được theo dõi: ai đang dùng, ai quay về cách cũ, và họ được hỗ trợ kịp thời.',
                en: 'After each change, the use of the CRM is followed: who uses it, who went back to the old way, and they are helped in time.',
              },
              intention: {
                vi: 'Đã định cách đo mức độ sử dụng và người hỗ trợ khi có người gặp khó.',
                en: 'How use is measured, and who helps those who struggle, are settled.',
              },
              reality: {
                vi: 'Dữ liệu được cập nhật đều trên mọi nhóm, và không còn khách hàng chỉ nằm trong sổ riêng.',
                en: 'Data is kept up to date in every team, and no customer lives only in a private notebook.',
              },
              weight: 1,
              indicators: ['field_completeness', 'stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc khách hàng lâu không có tương tác, xem theo người phụ trách để biết ai chưa dùng CRM',
                    en: 'Filter the customers with no recent interaction, by owner, to see who is not using the CRM',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'project_management',
      name: { vi: 'Quản lý dự án CRM', en: 'CRM project management' },
      summary: {
        vi: 'Việc triển khai CRM được quản lý như một dự án: mục tiêu, phạm vi, mốc thời gian, người chịu trách nhiệm và người dùng tham gia.',
        en: 'Rolling out CRM is run as a project: objectives, scope, milestones, owners, and the users taking part.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'delivery',
          name: { vi: 'Lập kế hoạch và triển khai', en: 'Planning and delivery' },
          ownBreakdown: true,
          practices: [
            {
              id: 'pf.project.1',
              text: {
                vi: 'Dự án CRM có mục tiêu, phạm vi, các mốc, người chịu trách nhiệm và kinh phí rõ ràng.',
                en: 'The CRM project has clear objectives, scope, milestones, owners and budget.',
              },
              intention: {
                vi: 'Kế hoạch dự án đã được viết ra và ban lãnh đạo phê duyệt.',
                en: 'The project plan is written down and approved by the leadership.',
              },
              reality: {
                vi: 'Các mốc được theo dõi, phần lớn đạt đúng hạn, và chậm trễ được xử lý công khai.',
                en: 'The milestones are followed, most are met on time, and delays are dealt with openly.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi các mốc của dự án thành việc cần làm có người phụ trách và hạn chót',
                    en: 'Record the project’s milestones as tasks with an owner and a due date',
                  },
                  screen: 'tasks',
                },
              ],
            },
            {
              id: 'pf.project.2',
              text: {
                vi: 'Dự án đi từng bước nhỏ (dữ liệu khách hàng trước, rồi bán hàng, rồi chăm sóc), mỗi bước có kết quả đo được trước khi sang bước sau.',
                en: 'The project goes in small steps (customer data first, then sales, then service), each with a measurable result before the next.',
              },
              intention: {
                vi: 'Các bước và tiêu chí hoàn thành của từng bước đã được thống nhất.',
                en: 'The steps, and what counts as done for each, are agreed.',
              },
              reality: {
                vi: 'Mỗi bước đã xong đều có số liệu chứng minh, trước khi bước sau bắt đầu.',
                en: 'Every finished step has figures to show for it before the next one began.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Chấm lại các thực hành liên quan sau mỗi bước để đo tiến bộ',
                    en: 'Score the practices concerned again after each step to measure progress',
                  },
                  screen: 'assessments',
                },
              ],
            },
            {
              id: 'pf.project.3',
              text: {
                vi: 'Người dùng từ bán hàng, chăm sóc và marketing tham gia từ đầu: chính họ định nghĩa trường, giai đoạn và kịch bản.',
                en: 'Users from sales, service and marketing take part from the start: they define the fields, stages and playbooks themselves.',
              },
              intention: {
                vi: 'Mỗi bộ phận đã cử người tham gia dự án.',
                en: 'Each department has named someone to take part in the project.',
              },
              reality: {
                vi: 'Cấu hình CRM hiện tại được làm cùng người dùng, và họ xác nhận nó khớp với công việc thực tế.',
                en: 'The current CRM set-up was built with the users, and they confirm it matches their real work.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Cùng đội bán hàng định nghĩa các giai đoạn của cơ hội',
                    en: 'Define the deal stages together with the sales team',
                  },
                  screen: 'settings_pipelines',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'employee_engagement',
      name: { vi: 'Sự gắn kết của nhân viên', en: 'Employee engagement' },
      summary: {
        vi: 'Nhân viên biết mình chịu trách nhiệm gì với khách hàng, được đào tạo, được ghi nhận, và vì thế thực sự dùng CRM.',
        en: 'Staff know what they answer for with customers, are trained and recognised, and so actually use the CRM.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'roles_recognition',
          name: { vi: 'Trách nhiệm, đào tạo và ghi nhận', en: 'Responsibility, training and recognition' },
          ownBreakdown: true,
          practices: [
            {
              id: 'pf.people.1',
              text: {
                vi: 'Mỗi người biết rõ mình chịu trách nhiệm những khách hàng và công việc nào trong quá trình bán và chăm sóc.',
                en: 'Everyone knows which customers and which tasks they answer for in selling and service.',
              },
              intention: {
                vi: 'Trách nhiệm của từng vị trí với khách hàng đã được viết ra và phổ biến.',
                en: 'Each position’s responsibilities towards customers are written down and shared.',
              },
              reality: {
                vi: 'Hầu hết khách hàng có người phụ trách, và khối lượng việc được chia hợp lý giữa mọi người.',
                en: 'Almost every customer has an owner, and the workload is shared fairly between people.',
              },
              weight: 2,
              indicators: ['owner_coverage', 'workload_balance'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Giao người phụ trách cho khách hàng chưa có ai', en: 'Assign an owner to the customers who have none' },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'pf.people.2',
              text: {
                vi: 'Nhân viên được đào tạo để dùng CRM và phục vụ khách hàng, và có KPI phản ánh công việc với khách hàng.',
                en: 'Staff are trained to use the CRM and to serve customers, and have KPIs that reflect their work with customers.',
              },
              intention: {
                vi: 'Có kế hoạch đào tạo và bộ KPI cho từng vị trí, đã công bố.',
                en: 'There is a training plan and a set of KPIs for each position, announced.',
              },
              reality: {
                vi: 'Mọi nhân viên liên quan đã qua đào tạo và có KPI được theo dõi.',
                en: 'Every employee concerned has been trained and has KPIs that are followed.',
              },
              weight: 1,
              indicators: ['training_coverage', 'kpi_coverage'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Lập kế hoạch đào tạo định kỳ về chăm sóc khách hàng và cách dùng CRM',
                    en: 'Plan regular training in customer care and in using the CRM',
                  },
                  screen: 'settings_members',
                },
              ],
            },
            {
              id: 'pf.people.3',
              text: {
                vi: 'Người làm tốt với khách hàng (được khách khen, giữ được khách) được ghi nhận, và ý kiến của nhân viên về quy trình được lắng nghe.',
                en: 'Those who do well by customers (praised by them, keeping them) are recognised, and staff’s views on the processes are heard.',
              },
              intention: {
                vi: 'Cách ghi nhận và kênh góp ý của nhân viên đã được công bố.',
                en: 'How recognition works, and the channel for staff suggestions, are announced.',
              },
              reality: {
                vi: 'Kết quả hài lòng theo từng nhân viên được xem hằng tháng và người làm tốt được khen thưởng.',
                en: 'Satisfaction by employee is reviewed monthly and those who do well are rewarded.',
              },
              weight: 1,
              indicators: ['csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem CSAT theo nhân viên để ghi nhận người làm tốt', en: 'View CSAT by agent to recognise those who do well' },
                  screen: 'survey_results',
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
