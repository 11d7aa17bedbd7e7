import type { Framework } from '../framework.ts';

/**
 * Gartner's eight building blocks of CRM as an assessment. The blocks are Gartner's; the model does not break them
 * down, so every sub-component (`ownBreakdown`) and every practice is Kith's own wording (docs/models.md §6).
 */
export const gartner: Framework = {
  key: 'gartner',
  version: 1,
  name: { vi: 'Mô hình CRM của Gartner (8 năng lực)', en: 'Gartner’s eight building blocks of CRM' },
  description: {
    vi: 'Tám năng lực doanh nghiệp cần có để quản trị quan hệ khách hàng thành công: tầm nhìn, chiến lược, trải nghiệm khách hàng, hợp tác trong tổ chức, quy trình, thông tin, công nghệ và đo lường. Mỗi thực hành được chấm theo hai mặt, dự định và thực tế, để thấy năng lực nào đang kéo cả hệ thống đi xuống.',
    en: 'The eight capabilities a business needs to manage customer relationships well: vision, strategy, the customer experience, collaboration across the organisation, processes, information, technology and metrics. Each practice is scored on intention and on reality, to show which block holds the others back.',
  },
  source: {
    vi: 'Dựa trên “tám khối xây dựng CRM” do hãng nghiên cứu Gartner công bố đầu những năm 2000, được giới thiệu trong các giáo trình CRM tiếng Việt với tên “mô hình CRM của Gartner — 8 năng lực”. Gartner chỉ nêu tám khối; các thành phần con và toàn bộ thực hành ở đây do Kith tự soạn.',
    en: 'Based on the eight building blocks of CRM published by the research firm Gartner in the early 2000s, taught in Vietnamese CRM courses as “Gartner’s CRM model — 8 capabilities”. Gartner names the eight blocks only; the sub-components and every practice here are Kith’s own.',
  },
  areas: [
    {
      key: 'vision',
      name: { vi: 'Tầm nhìn CRM', en: 'CRM vision' },
      summary: {
        vi: 'Một bức tranh rõ ràng về việc doanh nghiệp muốn khách hàng chọn mình vì điều gì, do lãnh đạo dẫn dắt và được mọi người hiểu.',
        en: 'A clear picture of what customers should choose the business for, led by the leadership and understood by everyone.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'direction',
          name: { vi: 'Định hướng và lãnh đạo', en: 'Direction and leadership' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.vision.1',
              text: {
                vi: 'Lãnh đạo đã viết ra tầm nhìn về khách hàng: doanh nghiệp muốn được chọn vì điều gì, và điều đó khác đối thủ ở đâu.',
                en: 'The leadership has written down a customer vision: what customers should choose the business for, and how that differs from competitors.',
              },
              intention: {
                vi: 'Tầm nhìn gói gọn trong một trang, lãnh đạo cam kết và đã trình bày cho toàn thể nhân viên.',
                en: 'The vision fits on one page, the leadership stands behind it and has presented it to all staff.',
              },
              reality: {
                vi: 'Hỏi bất kỳ nhân viên nào cũng nói lại được tầm nhìn, và các quyết định lớn về khách hàng đều dựa vào nó.',
                en: 'Any employee asked can restate it, and the major decisions about customers refer back to it.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Tổ chức buổi làm việc của ban lãnh đạo để viết tầm nhìn khách hàng trong một trang',
                    en: 'Hold a leadership session to write the customer vision on one page',
                  },
                  screen: 'assessments',
                },
              ],
            },
            {
              id: 'g.vision.2',
              text: {
                vi: 'Tầm nhìn nói rõ doanh nghiệp theo đuổi những nhóm khách hàng nào và mang lại giá trị gì cho từng nhóm.',
                en: 'The vision names the customers the business pursues and the value it brings each group.',
              },
              intention: {
                vi: 'Các nhóm khách hàng mục tiêu và giá trị dành cho họ được thống nhất trong ban lãnh đạo và phổ biến tới các bộ phận.',
                en: 'The target groups and the value promised to each are agreed by the leadership and shared with every department.',
              },
              reality: {
                vi: 'Bán hàng, chăm sóc và marketing đều gọi tên cùng những nhóm khách hàng đó và ưu tiên họ trong công việc hằng ngày.',
                en: 'Sales, service and marketing name the same target groups and put them first in their daily work.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu các nhóm khách hàng mục tiêu thành phân khúc để cả đội cùng nhìn',
                    en: 'Save the target groups as segments the whole team can see',
                  },
                  screen: 'segments',
                },
              ],
            },
            {
              id: 'g.vision.3',
              text: {
                vi: 'Lãnh đạo làm đúng điều tầm nhìn nói: cuộc họp giao ban có bàn về khách hàng, ngân sách dành cho những việc tầm nhìn đặt ra.',
                en: 'The leaders act on the vision: management meetings discuss customers, and the budget funds what the vision calls for.',
              },
              intention: {
                vi: 'Lãnh đạo đã cam kết đưa tiếng nói khách hàng vào các cuộc họp và kế hoạch ngân sách.',
                en: 'The leaders have committed to bring the customer’s voice into their meetings and budget plans.',
              },
              reality: {
                vi: 'Mọi cuộc họp giao ban đều có mục khách hàng, và biên bản cho thấy quyết định được đưa ra từ đó.',
                en: 'Every management meeting has a customer item, and the minutes show decisions taken from it.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đưa kết quả NPS và khiếu nại vào chương trình mỗi cuộc họp giao ban',
                    en: 'Put the NPS results and complaints on the agenda of every management meeting',
                  },
                  screen: 'survey_results',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'strategy',
      name: { vi: 'Chiến lược CRM', en: 'CRM strategy' },
      summary: {
        vi: 'Biến tầm nhìn thành mục tiêu: thu hút, giữ chân và phát triển những khách hàng nào, bằng nguồn lực nào.',
        en: 'Turning the vision into objectives: which customers to win, keep and grow, and with what resources.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'objectives',
          name: { vi: 'Mục tiêu theo nhóm khách hàng', en: 'Objectives per customer group' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.strategy.1',
              text: {
                vi: 'Khách hàng được chia nhóm theo giá trị và nhu cầu, và mỗi nhóm có mục tiêu riêng: thu hút, giữ chân hay bán thêm.',
                en: 'Customers are grouped by value and needs, and each group has its own objective: win, keep or sell more.',
              },
              intention: {
                vi: 'Các nhóm và mục tiêu của từng nhóm được ghi trong kế hoạch năm và những người phụ trách đã đồng ý.',
                en: 'The groups and their objectives are in the annual plan, and the people responsible have agreed to them.',
              },
              reality: {
                vi: 'Mỗi nhóm là một phân khúc đang được dùng, có chỉ tiêu và được theo dõi kết quả hằng tháng.',
                en: 'Each group is a segment in use, with targets, and its results are followed every month.',
              },
              weight: 2,
              indicators: ['segments_in_use', 'segment_targets', 'scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Tạo phân khúc từ các nhóm RFM và hạng giá trị', en: 'Create segments from the RFM groups and value tiers' },
                  screen: 'segments',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Đặt chỉ tiêu thu hút, giữ chân và bán thêm cho từng phân khúc',
                    en: 'Set acquisition, retention and cross-selling targets for each segment',
                  },
                  screen: 'segments',
                },
              ],
            },
            {
              id: 'g.strategy.2',
              text: {
                vi: 'Chiến lược khách hàng có kế hoạch hành động cụ thể: ai làm gì, đến khi nào, đo bằng chỉ số nào.',
                en: 'The customer strategy has an action plan: who does what, by when, measured by which figure.',
              },
              intention: {
                vi: 'Mỗi mục tiêu có người chịu trách nhiệm, thời hạn và chỉ số đo, được ghi lại và thông báo.',
                en: 'Each objective has an owner, a deadline and a measure, written down and announced.',
              },
              reality: {
                vi: 'Các việc trong kế hoạch đang được thực hiện đúng hạn và chỉ số của chúng có chỉ tiêu.',
                en: 'The plan’s tasks are being done on time and their measures have targets.',
              },
              weight: 1,
              indicators: ['kpi_targets'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo việc cần làm cho từng hành động trong kế hoạch, có người phụ trách và hạn chót',
                    en: 'Create a task for each action of the plan, with an owner and a due date',
                  },
                  screen: 'tasks',
                },
              ],
            },
          ],
        },
        {
          key: 'resources',
          name: { vi: 'Phân bổ nguồn lực', en: 'Allocating resources' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.strategy.3',
              text: {
                vi: 'Nhân lực, ngân sách chăm sóc và ưu đãi được dồn cho khách hàng theo giá trị của họ, không chia đều cho tất cả.',
                en: 'Staff time, care budget and offers go to customers according to their value, not evenly to all.',
              },
              intention: {
                vi: 'Có quy tắc rõ ràng về mức chăm sóc dành cho từng hạng giá trị, và đội ngũ đã nắm được.',
                en: 'There is a clear rule for the level of care each value tier receives, and the team knows it.',
              },
              reality: {
                vi: 'Khách hàng giá trị cao đều có người phụ trách và được chăm sóc đúng mức đã định.',
                en: 'Every high-value customer has an owner and receives the level of care set for their tier.',
              },
              weight: 1,
              indicators: ['owner_coverage', 'scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc khách hàng giá trị nhất chưa có người phụ trách và giao người',
                    en: 'Filter the most valuable customers without an owner and assign one',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'g.strategy.4',
              text: {
                vi: 'Chiến lược được xem lại mỗi quý dựa trên số liệu giá trị, giữ chân và mức độ hài lòng của khách hàng.',
                en: 'The strategy is reviewed every quarter against the figures on customer value, retention and satisfaction.',
              },
              intention: {
                vi: 'Lịch xem lại hằng quý đã được định, và ai tham dự, dùng số liệu nào đã rõ.',
                en: 'A quarterly review is scheduled, with who attends and which figures it uses.',
              },
              reality: {
                vi: 'Các buổi xem lại diễn ra đúng lịch, dùng số liệu mới, và chiến lược đã được điều chỉnh từ đó.',
                en: 'The reviews happen on schedule with current figures, and the strategy has been adjusted as a result.',
              },
              weight: 1,
              indicators: ['scored_share_30d', 'churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Mở báo cáo khách hàng (mua lại, giữ chân theo nhóm) trong buổi xem lại hằng quý',
                    en: 'Open the customer report (repeat purchase, retention by cohort) at the quarterly review',
                  },
                  screen: 'analytics_customers',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'customer_experience',
      name: { vi: 'Trải nghiệm khách hàng', en: 'Customer experience' },
      summary: {
        vi: 'Hiểu nhu cầu và kỳ vọng của khách hàng, và bảo đảm mỗi lần mua, mỗi lần liên hệ đều thuận tiện và đáng giá.',
        en: 'Understanding what customers need and expect, and making every purchase and every contact easy and worth it.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'listening',
          name: { vi: 'Lắng nghe khách hàng', en: 'Listening to customers' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.cx.1',
              text: {
                vi: 'Doanh nghiệp hỏi ý kiến khách hàng đều đặn, sau khi mua và sau khi được hỗ trợ, và đọc kết quả.',
                en: 'The business asks customers for feedback routinely, after a purchase and after a support request, and reads the results.',
              },
              intention: {
                vi: 'Đã định rõ khảo sát nào gửi vào lúc nào, cho ai, và ai chịu trách nhiệm đọc kết quả.',
                en: 'It is settled which survey goes out when and to whom, and who reads the results.',
              },
              reality: {
                vi: 'Khảo sát được gửi tự động, tỷ lệ phản hồi tốt, và NPS, CSAT được theo dõi hằng tháng.',
                en: 'Surveys go out automatically, the response rate is good, and NPS and CSAT are followed every month.',
              },
              weight: 2,
              indicators: ['survey_response_rate', 'nps', 'csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Bật khảo sát CSAT trong kịch bản chăm sóc khách hàng mới', en: 'Turn on the CSAT survey in the new-customer playbook' },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'g.cx.2',
              text: {
                vi: 'Làm việc với doanh nghiệp dễ dàng: khách không phải kể lại từ đầu mỗi lần liên hệ và không phải chờ lâu.',
                en: 'Dealing with the business is easy: customers do not repeat themselves at each contact and do not wait long.',
              },
              intention: {
                vi: 'Đã đặt mục tiêu về thời gian phản hồi và về mức độ dễ dàng, và nhân viên đều biết.',
                en: 'There are targets for response times and for ease of dealing with the business, and staff know them.',
              },
              reality: {
                vi: 'Điểm nỗ lực của khách (CES) thấp và ổn định, và yêu cầu được trả lời trong thời hạn cam kết.',
                en: 'The customer effort score is low and steady, and requests are answered within the promised time.',
              },
              weight: 1,
              indicators: ['ces', 'sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm câu hỏi mức độ nỗ lực (CES) vào khảo sát sau hỗ trợ',
                    en: 'Add a customer effort (CES) question to the after-support survey',
                  },
                  screen: 'surveys',
                },
              ],
            },
          ],
        },
        {
          key: 'problems',
          name: { vi: 'Xử lý vấn đề của khách', en: 'Handling customers’ problems' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.cx.3',
              text: {
                vi: 'Khiếu nại được ghi nhận đầy đủ, giải quyết nhanh trong thời hạn cam kết, và nguyên nhân gốc được tìm ra.',
                en: 'Complaints are all recorded, resolved quickly within the promised time, and their root cause is found.',
              },
              intention: {
                vi: 'Có quy trình khiếu nại với thời hạn cho từng mức ưu tiên, và mọi nhân viên tiếp xúc khách đều biết.',
                en: 'There is a complaint process with a deadline per priority, known to every employee who meets customers.',
              },
              reality: {
                vi: 'Mọi khiếu nại đều thành yêu cầu hỗ trợ, đa số được giải quyết đúng hạn, và nguyên nhân được tổng hợp mỗi tháng.',
                en: 'Every complaint becomes a ticket, most are resolved on time, and the causes are reviewed monthly.',
              },
              weight: 1,
              indicators: ['complaint_resolution_time', 'sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Đặt chính sách SLA cho yêu cầu hỗ trợ loại khiếu nại', en: 'Set an SLA policy for complaint tickets' },
                  screen: 'settings_care',
                },
              ],
            },
            {
              id: 'g.cx.4',
              text: {
                vi: 'Khách hàng không hài lòng (chấm NPS thấp) được gọi lại trong vòng một tuần để tìm hiểu và khắc phục.',
                en: 'Unhappy customers (low NPS scores) are called back within a week to understand and put things right.',
              },
              intention: {
                vi: 'Đã quy định ai gọi lại khách chê và trong bao lâu, và những người đó đã đồng ý.',
                en: 'It is settled who calls back detractors and how soon, and those people have agreed.',
              },
              reality: {
                vi: 'Gần như mọi khách chê đều được liên hệ trong tuần, và kết quả cuộc gọi được ghi lại.',
                en: 'Nearly every detractor is contacted within the week, and the outcome of the call is recorded.',
              },
              weight: 1,
              indicators: ['detractor_follow_up', 'nps'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xử lý các yêu cầu theo dõi đang mở từ khách chấm điểm thấp',
                    en: 'Work through the open follow-up tickets from low-scoring customers',
                  },
                  screen: 'tickets',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'collaboration',
      name: { vi: 'Hợp tác trong tổ chức', en: 'Organisational collaboration' },
      summary: {
        vi: 'Văn hóa, cơ cấu, kỹ năng và cách khen thưởng giúp nhân viên, đối tác và nhà cung cấp cùng làm việc để mang lại giá trị cho khách hàng.',
        en: 'The culture, structure, skills and rewards that get staff, partners and suppliers working together to bring customers value.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'structure',
          name: { vi: 'Cơ cấu và trách nhiệm', en: 'Structure and responsibilities' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.collab.1',
              text: {
                vi: 'Mỗi khách hàng có một người phụ trách rõ ràng, và bán hàng, chăm sóc, marketing cùng nhìn một hồ sơ khách hàng.',
                en: 'Each customer has a named owner, and sales, service and marketing all work from the same customer record.',
              },
              intention: {
                vi: 'Quy tắc giao người phụ trách đã được thống nhất giữa các bộ phận.',
                en: 'The rule for assigning owners has been agreed between the departments.',
              },
              reality: {
                vi: 'Hầu hết khách hàng đều có người phụ trách, và không bộ phận nào còn giữ danh sách khách riêng.',
                en: 'Almost every customer has an owner, and no department keeps its own customer list any more.',
              },
              weight: 2,
              indicators: ['owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Lọc khách hàng chưa có người phụ trách và giao người', en: 'Filter the customers without an owner and assign them' },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'g.collab.2',
              text: {
                vi: 'Việc chuyển giao giữa các bộ phận có quy tắc rõ ràng (ai nhận yêu cầu, ai gọi lại), và khối lượng việc được chia hợp lý.',
                en: 'Hand-offs between departments follow clear rules (who takes a request, who calls back), and the workload is shared fairly.',
              },
              intention: {
                vi: 'Các quy tắc chuyển giao và phân công đã được viết ra và các trưởng nhóm đồng ý.',
                en: 'The hand-off and assignment rules are written down and the team leads agree with them.',
              },
              reality: {
                vi: 'Yêu cầu và khách hàng được phân công theo quy tắc, không ai quá tải trong khi người khác rảnh.',
                en: 'Requests and customers are assigned by the rules, and nobody is overloaded while others are idle.',
              },
              weight: 1,
              indicators: ['workload_balance'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Thiết lập nhóm và cách phân công yêu cầu hỗ trợ cho từng nhóm', en: 'Set up teams and how each team’s tickets are assigned' },
                  screen: 'settings_teams',
                },
              ],
            },
          ],
        },
        {
          key: 'skills_rewards',
          name: { vi: 'Kỹ năng, khen thưởng và đối tác', en: 'Skills, rewards and partners' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.collab.3',
              text: {
                vi: 'Nhân viên được đào tạo về chăm sóc khách hàng và cách dùng CRM, và được đánh giá, khen thưởng theo kết quả với khách hàng chứ không chỉ doanh số.',
                en: 'Staff are trained in customer care and in using the CRM, and are appraised and rewarded on customer outcomes, not on sales alone.',
              },
              intention: {
                vi: 'Có kế hoạch đào tạo và bộ KPI gồm cả mức độ hài lòng và giữ chân khách hàng, đã công bố cho nhân viên.',
                en: 'There is a training plan and a set of KPIs that include satisfaction and retention, announced to staff.',
              },
              reality: {
                vi: 'Mọi nhân viên tiếp xúc khách đều đã qua đào tạo và có KPI, và tiền thưởng thực sự tính theo các KPI đó.',
                en: 'Every customer-facing employee has been trained and has KPIs, and bonuses are actually paid on them.',
              },
              weight: 1,
              indicators: ['kpi_coverage', 'training_coverage'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Đưa chỉ số hài lòng và giữ chân khách hàng vào KPI và cách tính thưởng',
                    en: 'Add customer satisfaction and retention to the KPIs and the bonus scheme',
                  },
                  screen: 'settings_members',
                },
              ],
            },
            {
              id: 'g.collab.4',
              text: {
                vi: 'Đối tác và nhà cung cấp (đơn vị giao hàng, đại lý, nhà phân phối) nhận được thông tin khách hàng họ cần để phục vụ tốt, theo quy tắc rõ ràng.',
                en: 'Partners and suppliers (couriers, agents, distributors) get the customer information they need to serve well, under clear rules.',
              },
              intention: {
                vi: 'Đã thống nhất với đối tác chia sẻ thông tin gì, bằng cách nào và ai được phép truy cập.',
                en: 'What is shared with partners, how, and who may access it has been agreed with them.',
              },
              reality: {
                vi: 'Thông tin chảy tới đối tác qua kênh đã định, không qua tin nhắn hay tệp gửi tay, và không có khiếu nại do đối tác thiếu thông tin.',
                en: 'Information reaches partners through the agreed channel, not by hand-sent messages or files, and no complaint arises from a partner lacking it.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Cấp khóa API riêng cho từng đối tác cần dữ liệu khách hàng',
                    en: 'Issue a separate API token to each partner that needs customer data',
                  },
                  screen: 'settings_tokens',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'processes',
      name: { vi: 'Quy trình CRM', en: 'CRM processes' },
      summary: {
        vi: 'Các quy trình theo vòng đời khách hàng (bán, chăm sóc, giữ chân) và các quy trình phân tích, lập kế hoạch, được quản lý và cải tiến.',
        en: 'The processes of the customer lifecycle (selling, serving, keeping) and of analysis and planning, managed and improved.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'lifecycle',
          name: { vi: 'Quy trình theo vòng đời khách hàng', en: 'Customer lifecycle processes' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.process.1',
              text: {
                vi: 'Việc bán hàng đi theo một quy trình có các giai đoạn rõ ràng mà cả đội dùng, và không cơ hội nào bị bỏ quên ở một giai đoạn.',
                en: 'Selling follows a process with clear stages that the whole team uses, and no deal is forgotten in a stage.',
              },
              intention: {
                vi: 'Các giai đoạn và điều kiện chuyển giai đoạn đã được định nghĩa và đội bán hàng đồng ý.',
                en: 'The stages and what moves a deal between them are defined, and the sales team agrees with them.',
              },
              reality: {
                vi: 'Mọi cơ hội đều nằm trong quy trình, tỷ lệ chốt được theo dõi và cơ hội không nằm im quá lâu.',
                en: 'Every deal is in the pipeline, the win rate is followed, and deals do not sit idle for long.',
              },
              weight: 2,
              indicators: ['stage_conversion', 'time_in_stage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Định nghĩa các giai đoạn của quy trình bán hàng', en: 'Define the stages of the sales pipeline' },
                  screen: 'settings_pipelines',
                },
              ],
            },
            {
              id: 'g.process.2',
              text: {
                vi: 'Khách hàng mới, tiềm năng và trung thành được chăm sóc theo kịch bản định sẵn, và các bước lặp lại được tự động hóa.',
                en: 'New, potential and loyal customers are cared for by set playbooks, and repetitive steps are automated.',
              },
              intention: {
                vi: 'Mỗi nhóm khách có kịch bản chăm sóc đã được viết ra và duyệt.',
                en: 'Each customer group has a care playbook that is written and approved.',
              },
              reality: {
                vi: 'Gần như mọi khách mới đều vào kịch bản, và lời cảm ơn, khảo sát, nhắc mua lại tự chạy.',
                en: 'Nearly every new customer is enrolled in a playbook, and thank-yous, surveys and repurchase reminders run by themselves.',
              },
              weight: 1,
              indicators: ['playbook_coverage_new', 'automations_active'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật tự động ghi danh khách mua lần đầu vào kịch bản khách hàng mới',
                    en: 'Enrol first-time buyers automatically in the new-customer playbook',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'g.process.3',
              text: {
                vi: 'Yêu cầu hỗ trợ được xử lý theo thời hạn cam kết (SLA), có cảnh báo trước khi trễ và chuyển cấp khi quá hạn.',
                en: 'Support requests are handled within promised times (SLAs), with a warning before a breach and escalation after it.',
              },
              intention: {
                vi: 'Thời hạn cho từng loại và mức ưu tiên đã được định và công bố cho đội chăm sóc.',
                en: 'Deadlines per category and priority are set and announced to the service team.',
              },
              reality: {
                vi: 'Phần lớn yêu cầu đạt SLA, và những trường hợp trễ được xem lại để sửa quy trình.',
                en: 'Most requests meet their SLA, and the late ones are reviewed to fix the process.',
              },
              weight: 1,
              indicators: ['sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Đặt chính sách SLA theo mức ưu tiên và giờ làm việc', en: 'Set SLA policies by priority and business hours' },
                  screen: 'settings_care',
                },
              ],
            },
          ],
        },
        {
          key: 'planning',
          name: { vi: 'Quy trình phân tích và lập kế hoạch', en: 'Analysis and planning processes' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.process.4',
              text: {
                vi: 'Điểm và phân nhóm khách hàng được làm mới định kỳ, và kế hoạch bán hàng, chăm sóc hằng tháng được lập từ đó.',
                en: 'Customer scores and groups are refreshed on a schedule, and each month’s sales and care plans are built from them.',
              },
              intention: {
                vi: 'Đã có lịch làm mới dữ liệu phân tích và lịch lập kế hoạch gắn với nó.',
                en: 'There is a schedule for refreshing the analysis and a planning calendar tied to it.',
              },
              reality: {
                vi: 'Điểm khách hàng luôn được tính lại trong vòng 30 ngày, và kế hoạch tháng dẫn chiếu tới các phân khúc.',
                en: 'Customer scores are never more than 30 days old, and the monthly plan refers to the segments.',
              },
              weight: 1,
              indicators: ['scored_share_30d', 'segments_in_use'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Làm mới điểm RFM và xem lại các nhóm khách hàng', en: 'Refresh the RFM scores and review the customer groups' },
                  screen: 'analytics_rfm',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'information',
      name: { vi: 'Thông tin CRM', en: 'CRM information' },
      summary: {
        vi: 'Thu thập, giữ sạch và chia sẻ thông tin khách hàng như một tài sản chung cho các bộ phận dùng.',
        en: 'Collecting, cleaning and sharing customer information as a common asset for the departments that use it.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'quality',
          name: { vi: 'Chất lượng dữ liệu', en: 'Data quality' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.info.1',
              text: {
                vi: 'Thông tin then chốt của khách hàng (số điện thoại, email, tỉnh/thành, nguồn) được nhập đầy đủ ngay từ lần đầu.',
                en: 'A customer’s key details (phone, email, province, source) are filled in completely from the first contact.',
              },
              intention: {
                vi: 'Đã thống nhất những trường nào bắt buộc và ai chịu trách nhiệm nhập.',
                en: 'It is agreed which fields are required and who is responsible for entering them.',
              },
              reality: {
                vi: 'Các trường then chốt gần như luôn có dữ liệu trên toàn bộ khách hàng.',
                en: 'The key fields are filled in for almost every customer.',
              },
              weight: 2,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem trường nào hay bị bỏ trống và đặt thành bắt buộc', en: 'See which fields are often left empty and make them required' },
                  screen: 'settings_fields',
                },
              ],
            },
            {
              id: 'g.info.2',
              text: {
                vi: 'Mỗi khách hàng chỉ có một hồ sơ: bản trùng được phát hiện và gộp thường xuyên.',
                en: 'Each customer has exactly one record: duplicates are found and merged routinely.',
              },
              intention: {
                vi: 'Đã có người được giao rà soát trùng lặp theo lịch cố định.',
                en: 'Someone is assigned to review duplicates on a fixed schedule.',
              },
              reality: {
                vi: 'Danh sách trùng lặp chờ xử lý luôn ngắn, và khách không còn nhận hai tin nhắn giống nhau.',
                en: 'The queue of duplicates waiting is always short, and customers no longer get the same message twice.',
              },
              weight: 1,
              indicators: ['duplicates_waiting'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem và gộp các hồ sơ trùng đang chờ', en: 'Review and merge the duplicates waiting' },
                  screen: 'duplicates',
                },
              ],
            },
            {
              id: 'g.info.3',
              text: {
                vi: 'Dữ liệu được giữ cập nhật: hồ sơ lâu không tương tác được rà soát, dữ liệu nhập từ nơi khác được kiểm tra lỗi.',
                en: 'Data is kept current: records untouched for long are reviewed, and data imported from elsewhere is checked for errors.',
              },
              intention: {
                vi: 'Có lịch rà soát dữ liệu cũ và quy định kiểm tra trước khi nhập dữ liệu.',
                en: 'There is a schedule for reviewing old data and a rule to check files before importing them.',
              },
              reality: {
                vi: 'Ít hồ sơ bị bỏ quên quá một năm, và các lần nhập dữ liệu gần như không có dòng lỗi.',
                en: 'Few records lie untouched for over a year, and imports have almost no refused rows.',
              },
              weight: 1,
              indicators: ['stale_records', 'import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc khách hàng không có tương tác hơn một năm để liên hệ lại hoặc đóng hồ sơ',
                    en: 'Filter the customers with no contact for over a year, to reach out or close them',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
        {
          key: 'use',
          name: { vi: 'Sử dụng và bảo vệ thông tin', en: 'Using and protecting information' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.info.4',
              text: {
                vi: 'Việc khách đồng ý hay từ chối nhận tin tiếp thị được ghi lại, và mỗi người chỉ xem được dữ liệu khách hàng công việc của mình cần.',
                en: 'Whether each customer agreed to marketing is recorded, and each person sees only the customer data their work needs.',
              },
              intention: {
                vi: 'Đã có quy định về sự đồng ý và về quyền xem dữ liệu theo vai trò, được nhân viên biết.',
                en: 'There are rules on consent and on who may see which data by role, and staff know them.',
              },
              reality: {
                vi: 'Phần lớn khách hàng có ghi nhận đồng ý hoặc từ chối, và vai trò của từng thành viên khớp với công việc.',
                en: 'Most customers have a recorded consent or refusal, and every member’s role matches their job.',
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
                {
                  kind: 'strategic',
                  text: { vi: 'Rà soát vai trò và phạm vi dữ liệu của từng thành viên', en: 'Review each member’s role and data scope' },
                  screen: 'settings_roles',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'technology',
      name: { vi: 'Công nghệ CRM', en: 'CRM technology' },
      summary: {
        vi: 'Phần mềm, hạ tầng và kết nối phục vụ việc quản lý khách hàng: một hệ thống dùng chung, an toàn và nối với các phần mềm khác.',
        en: 'The software, infrastructure and connections that serve customer management: one shared system, safe and linked to the other tools.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'systems',
          name: { vi: 'Hệ thống và kết nối', en: 'Systems and connections' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.tech.1',
              text: {
                vi: 'Mọi bộ phận làm việc với khách hàng dùng chung một hệ thống CRM; không còn sổ tay hay tệp Excel riêng về khách hàng.',
                en: 'Every customer-facing department uses one shared CRM; there are no private notebooks or spreadsheets of customers left.',
              },
              intention: {
                vi: 'Đã quyết định CRM là nơi duy nhất lưu thông tin khách hàng và thông báo cho mọi bộ phận.',
                en: 'The CRM has been declared the one place for customer information, and every department has been told.',
              },
              reality: {
                vi: 'Các danh sách cũ đã được nhập vào CRM, và công việc hằng ngày diễn ra trên đó.',
                en: 'The old lists have been imported into the CRM, and the daily work happens there.',
              },
              weight: 2,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập các danh sách khách hàng từ Excel và sổ sách vào CRM',
                    en: 'Import the customer lists from spreadsheets and notebooks into the CRM',
                  },
                  screen: 'imports',
                },
              ],
            },
            {
              id: 'g.tech.2',
              text: {
                vi: 'CRM được nối với phần mềm bán hàng, website và kế toán để dữ liệu không phải nhập hai lần.',
                en: 'The CRM is connected to the point of sale, the website and accounting, so data is never keyed in twice.',
              },
              intention: {
                vi: 'Đã xác định các kết nối cần có và thứ tự làm.',
                en: 'The connections needed, and the order to build them in, have been decided.',
              },
              reality: {
                vi: 'Đơn hàng và khách hàng mới tự đổ về CRM, không ai phải chép tay.',
                en: 'Orders and new customers flow into the CRM by themselves; nobody copies them by hand.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Tạo khóa API để nối phần mềm bán hàng và website với CRM',
                    en: 'Create an API token to connect the point of sale and the website to the CRM',
                  },
                  screen: 'settings_tokens',
                },
              ],
            },
          ],
        },
        {
          key: 'safety',
          name: { vi: 'An toàn và cải tiến', en: 'Safety and improvement' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.tech.3',
              text: {
                vi: 'Dữ liệu khách hàng được sao lưu định kỳ và đã thử khôi phục; tài khoản của người nghỉ việc bị thu hồi ngay.',
                en: 'Customer data is backed up on a schedule and a restore has been tried; leavers’ accounts are removed at once.',
              },
              intention: {
                vi: 'Có người chịu trách nhiệm sao lưu và quy trình thu hồi quyền khi nhân viên nghỉ.',
                en: 'Someone is responsible for backups, and there is a procedure for removing access when staff leave.',
              },
              reality: {
                vi: 'Bản sao lưu gần nhất không quá một ngày, lần thử khôi phục gần đây thành công, và không còn tài khoản của người đã nghỉ.',
                en: 'The latest backup is under a day old, the last restore test succeeded, and no leaver still has an account.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Rà danh sách thành viên và vô hiệu hóa người đã nghỉ', en: 'Go through the member list and deactivate leavers' },
                  screen: 'settings_members',
                },
              ],
            },
            {
              id: 'g.tech.4',
              text: {
                vi: 'Hệ thống được xem lại định kỳ: những gì người dùng cần mà CRM chưa đáp ứng được ghi lại và xử lý.',
                en: 'The system is reviewed regularly: what users need and the CRM does not yet do is noted and dealt with.',
              },
              intention: {
                vi: 'Có kênh để người dùng góp ý về CRM và có người quyết định ưu tiên.',
                en: 'There is a channel for users’ requests about the CRM and someone who sets priorities.',
              },
              reality: {
                vi: 'Các góp ý được xử lý theo quý, và CRM đã được điều chỉnh (trường, quy trình) theo nhu cầu thực tế.',
                en: 'Requests are dealt with each quarter, and the CRM has been adapted (fields, pipelines) to real needs.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm trường tùy chỉnh cho thông tin đội ngũ cần mà hệ thống chưa có',
                    en: 'Add custom fields for the information the team needs and the system lacks',
                  },
                  screen: 'settings_fields',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'metrics',
      name: { vi: 'Đo lường CRM', en: 'CRM metrics' },
      summary: {
        vi: 'Đo thành công hay thất bại của CRM bằng các chỉ số trong và ngoài: giá trị khách hàng, giữ chân, hài lòng, trung thành và chi phí phục vụ.',
        en: 'Measuring CRM’s success or failure inside and out: customer value, retention, satisfaction, loyalty and the cost to serve.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'value_retention',
          name: { vi: 'Giá trị, giữ chân và chi phí phục vụ', en: 'Value, retention and cost to serve' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.metrics.1',
              text: {
                vi: 'Giá trị khách hàng (doanh thu, giá trị vòng đời) được đo theo từng nhóm và cập nhật ít nhất mỗi tháng.',
                en: 'Customer value (revenue, lifetime value) is measured by group and updated at least monthly.',
              },
              intention: {
                vi: 'Đã thống nhất cách tính giá trị khách hàng và lịch cập nhật.',
                en: 'How customer value is computed, and how often, is agreed.',
              },
              reality: {
                vi: 'Gần như mọi khách hàng có điểm giá trị tính trong 30 ngày gần nhất, và báo cáo theo nhóm được dùng khi lập kế hoạch.',
                en: 'Nearly every customer’s value score is under 30 days old, and the report by group is used in planning.',
              },
              weight: 2,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Làm mới điểm giá trị vòng đời và xem theo hạng giá trị', en: 'Refresh the lifetime value scores and view them by value tier' },
                  screen: 'analytics_value',
                },
              ],
            },
            {
              id: 'g.metrics.2',
              text: {
                vi: 'Tỷ lệ mua lại và số khách có nguy cơ rời bỏ được theo dõi hằng tháng, có ngưỡng báo động.',
                en: 'The repeat-purchase rate and the customers at risk of leaving are followed monthly, with an alarm threshold.',
              },
              intention: {
                vi: 'Ngưỡng báo động và người phải hành động khi vượt ngưỡng đã được định.',
                en: 'The alarm threshold, and who must act when it is crossed, are set.',
              },
              reality: {
                vi: 'Các chỉ số được xem mỗi tháng, và khi vượt ngưỡng thì có chiến dịch giữ chân thực sự diễn ra.',
                en: 'The figures are looked at every month, and crossing the threshold has led to actual retention campaigns.',
              },
              weight: 1,
              indicators: ['repeat_purchase_rate', 'churn_share', 'win_back_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem tỷ lệ mua lại và giữ chân theo nhóm khách hàng', en: 'Look at repeat purchase and retention by cohort' },
                  screen: 'analytics_customers',
                },
              ],
            },
            {
              id: 'g.metrics.3',
              text: {
                vi: 'Chi phí phục vụ khách hàng (mỗi đơn, mỗi khách mỗi năm) được ước tính, để biết nhóm nào đang có lãi.',
                en: 'The cost to serve (per order, per customer per year) is estimated, so the business knows which groups are profitable.',
              },
              intention: {
                vi: 'Kế toán và quản lý đã thống nhất cách ước tính chi phí phục vụ.',
                en: 'Accounting and management have agreed how to estimate the cost to serve.',
              },
              reality: {
                vi: 'Chi phí phục vụ được nhập vào CRM và giá trị ròng của khách hàng được tính theo nó.',
                en: 'The cost to serve is entered in the CRM and customers’ net value is computed with it.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập chi phí phục vụ một đơn và mỗi khách mỗi năm',
                    en: 'Enter the cost to serve per order and per customer per year',
                  },
                  screen: 'analytics_settings',
                },
              ],
            },
          ],
        },
        {
          key: 'satisfaction_loyalty',
          name: { vi: 'Hài lòng, trung thành và chỉ tiêu', en: 'Satisfaction, loyalty and targets' },
          ownBreakdown: true,
          practices: [
            {
              id: 'g.metrics.4',
              text: {
                vi: 'Sự hài lòng và lòng trung thành (NPS, CSAT) được đo đều đặn, theo nhóm và theo nhân viên, và mỗi chỉ số có chỉ tiêu.',
                en: 'Satisfaction and loyalty (NPS, CSAT) are measured routinely, by team and by employee, and each measure has a target.',
              },
              intention: {
                vi: 'Các chỉ số, chỉ tiêu và người chịu trách nhiệm đã được công bố.',
                en: 'The measures, their targets and who answers for them have been announced.',
              },
              reality: {
                vi: 'Kết quả được báo cáo hằng tháng so với chỉ tiêu, với đủ phản hồi để tin được.',
                en: 'Results are reported monthly against target, with enough responses to be trusted.',
              },
              weight: 1,
              indicators: ['nps', 'csat', 'survey_response_rate', 'kpi_targets'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem NPS và CSAT theo nhóm và theo nhân viên', en: 'View NPS and CSAT by team and by employee' },
                  screen: 'survey_results',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Đặt chỉ tiêu NPS và CSAT cho từng nhóm và so với báo cáo chăm sóc hằng tháng',
                    en: 'Set NPS and CSAT targets for each team and compare them with the monthly care report',
                  },
                  screen: 'care_reports',
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
