import type { Area } from '../framework.ts';

/*
 * The QCI-model health check, its four customer-facing areas: analysis and planning, proposition, customer
 * management, customer experience (the other four are in qci-capability.ts; qci.ts puts the eight together).
 *
 * From the model's published breakdown: the areas themselves; the sub-components of analysis and planning
 * (strategic input, transaction analysis, lifecycle, profiling and external analysis, lifetime value, customer and
 * prospect segmentation, competitors, tacit knowledge, contact and management planning) and of proposition (needs
 * research, overall proposition, matching segments, service standards, external and internal communication); the
 * three activities of customer management (acquisition, penetration, retention), planned to "REAP" value
 * (retention, efficiency, acquisition, penetration: ap.strategy.2), and its customer-development topics
 * (ownership, segment development strategies, key account management, cross- and up-selling, proposition
 * tailoring), grouped here as `ownership` and `development`.
 *
 * Kith's own: every practice's wording, its "what 4 looks like", weight, indicators and actions (no question text
 * of the commercial assessment is used); the win-back sub-component of customer management; and the whole
 * breakdown of customer experience (the model does not publish it), marked `ownBreakdown: true`.
 */
export const qciCustomerAreas: readonly Area[] = [
  {
    key: 'analysis_planning',
    name: { vi: 'Phân tích và lập kế hoạch', en: 'Analysis and planning' },
    summary: {
      vi: 'Hiểu khách hàng là ai, mua gì, mang lại bao nhiêu giá trị và đang đi về đâu, rồi dựa vào đó lập kế hoạch giữ chân, thu hút, bán thêm và phục vụ hiệu quả từng phân khúc.',
      en: 'Knowing who the customers are, what they buy, what they are worth and where they are heading, and planning from that how to keep, win, grow and serve each segment efficiently.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'strategic_input',
        name: { vi: 'Đầu vào chiến lược cho kế hoạch', en: 'Strategic input to planning' },
        practices: [
          {
            id: 'ap.strategy.1',
            text: {
              vi: 'Kế hoạch kinh doanh hằng năm được xây dựng từ phân tích tệp khách hàng: ai đang mua, mua bao nhiêu, nhóm nào đang tăng và nhóm nào đang giảm.',
              en: 'The yearly business plan starts from an analysis of the customer base: who buys, how much, which groups are growing and which are shrinking.',
            },
            intention: {
              vi: 'Ban lãnh đạo đã quyết định không duyệt kế hoạch nào thiếu phần phân tích khách hàng, và người lập kế hoạch đều biết điều đó.',
              en: 'The leadership has decided that no plan is signed off without the customer analysis, and the people who plan know it.',
            },
            reality: {
              vi: 'Kế hoạch hiện hành dẫn số liệu từ dữ liệu khách hàng (phân khúc, tỷ lệ mua lại, giá trị), và số liệu đó không cũ quá một tháng lúc lập kế hoạch.',
              en: 'The current plan quotes figures from the customer data (segments, repeat rate, value), no more than a month old when it was written.',
            },
            weight: 2,
            indicators: ['scored_share_30d'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Mở trang Phân tích trước buổi họp kế hoạch tới và viết phần khách hàng của kế hoạch từ đó',
                  en: "Open the analytics before the next planning meeting and write the plan's customer section from them",
                },
                screen: 'analytics_customers',
              },
            ],
          },
          {
            id: 'ap.strategy.2',
            text: {
              vi: 'Kế hoạch khách hàng đặt chỉ tiêu cho cả bốn đòn bẩy: giữ chân khách, phục vụ với chi phí hợp lý, thu hút khách mới và bán thêm cho khách đang mua.',
              en: 'The customer plan sets targets for four levers: keeping customers, serving them at a sensible cost, winning new ones and selling more to those already buying.',
            },
            intention: {
              vi: 'Chỉ tiêu giữ chân, hiệu quả, thu hút và thâm nhập đã được thống nhất với chính những người phải đạt chúng.',
              en: 'Targets for retention, efficiency, acquisition and penetration are agreed with the people who must reach them.',
            },
            reality: {
              vi: 'Mỗi đòn bẩy có con số, người chịu trách nhiệm và thời hạn; kết quả được so với chỉ tiêu ít nhất mỗi quý.',
              en: 'Each lever has a figure, an owner and a date, and results are compared with the targets at least every quarter.',
            },
            weight: 1,
            indicators: ['segment_targets'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Đặt chỉ tiêu giữ chân, thu hút và thâm nhập cho từng phân khúc chính',
                  en: 'Set retention, acquisition and penetration targets for each main segment',
                },
                screen: 'segments',
              },
            ],
          },
        ],
      },
      {
        key: 'transaction_analysis',
        name: { vi: 'Phân tích giao dịch', en: 'Transaction analysis' },
        practices: [
          {
            id: 'ap.transaction.1',
            text: {
              vi: 'Mọi giao dịch, tại cửa hàng, trên mạng hay qua nhân viên bán hàng, đều được ghi cho một khách hàng cụ thể, kèm sản phẩm, ngày mua và kênh bán.',
              en: 'Every sale, in the shop, online or through a salesperson, is recorded against a named customer, with the products, the date and the channel.',
            },
            intention: {
              vi: 'Mọi người đã thống nhất rằng đơn hàng không gắn với khách hàng là ngoại lệ, và kênh bán nào cũng biết cách ghi đơn.',
              en: 'It is agreed that a sale without a known customer is the exception, and every channel knows how to record one.',
            },
            reality: {
              vi: 'Đơn hàng từ mọi kênh đều vào CRM, nhập tay, nhập tệp hay qua API, và gần như đơn nào cũng gắn với một khách hàng.',
              en: 'Orders from every channel reach the CRM, by hand, by import or through the API, and almost all of them name a customer.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Nhập lịch sử đơn hàng của từng kênh bán', en: 'Import the order history of each sales channel' },
                screen: 'imports',
              },
            ],
          },
          {
            id: 'ap.transaction.2',
            text: {
              vi: 'Lần mua gần nhất, tần suất mua và số tiền chi tiêu của từng khách (RFM) được tính lại ít nhất mỗi tháng, và có người thực sự đọc kết quả.',
              en: 'How recently, how often and how much each customer buys (RFM) is recalculated at least every month, and someone reads the result.',
            },
            intention: {
              vi: 'Đã có người được giao tính lại và xem điểm vào một ngày cố định mỗi tháng.',
              en: 'A person is named to refresh and review the scores on a fixed day each month.',
            },
            reality: {
              vi: 'Gần như mọi khách đã mua đều có điểm tính trong 30 ngày qua, và buổi xem điểm hằng tháng dẫn đến quyết định cụ thể.',
              en: 'Nearly every customer who has bought has scores from the last 30 days, and the monthly review leads to decisions.',
            },
            weight: 2,
            indicators: ['scored_share_30d'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tính lại điểm khách hàng ngay và đặt lịch xem điểm hằng tháng',
                  en: 'Refresh the customer scores now and put a monthly review in the calendar',
                },
                screen: 'analytics_rfm',
              },
            ],
          },
        ],
      },
      {
        key: 'lifecycle',
        name: { vi: 'Hiểu vòng đời khách hàng', en: 'Understanding the customer lifecycle' },
        practices: [
          {
            id: 'ap.lifecycle.1',
            text: {
              vi: 'Mỗi khách hàng có một giai đoạn trong vòng đời (tiềm năng, khách mới, khách quay lại, trung thành, có nguy cơ, đã rời bỏ) tự cập nhật theo việc mua hàng, không phải gán tay một lần rồi để đó.',
              en: 'Every customer has a lifecycle stage (lead, new, repeat, loyal, at risk, lapsed) that follows their purchases instead of being set by hand once and forgotten.',
            },
            intention: {
              vi: 'Các giai đoạn và điều kiện chuyển giai đoạn đã được định nghĩa và giải thích cho cả đội.',
              en: 'The stages and what moves a customer between them are defined and explained to the team.',
            },
            reality: {
              vi: 'Giai đoạn của mọi khách đều đúng với hiện tại và được dùng hằng tuần trong danh sách, phân khúc và kịch bản chăm sóc.',
              en: 'The stage of every customer is current, and stages are used every week in lists, segments and playbooks.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo một phân khúc cho mỗi giai đoạn và kiểm tra số khách trong từng phân khúc có hợp lý không',
                  en: 'Build a segment per lifecycle stage and check that the counts look right',
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'ap.lifecycle.2',
            text: {
              vi: 'Doanh nghiệp biết con đường thường gặp từ lần mua đầu đến lần mua thứ hai rồi thành khách quen: mất bao lâu, và phần lớn khách rơi rụng ở đâu.',
              en: 'The business knows the usual path from first to second to regular purchase: how long it takes and where most customers drop out.',
            },
            intention: {
              vi: 'Các quản lý đã thống nhất canh thời điểm liên hệ và ưu đãi theo con đường này, và cả đội biết những thời điểm then chốt.',
              en: 'Managers have agreed to time contacts and offers by this path, and the team knows the key moments.',
            },
            reality: {
              vi: 'Số liệu giữ chân theo nhóm khách được xem ít nhất mỗi quý, và thời điểm liên hệ (như lời nhắc trước kỳ mua lại thường lệ) được đặt theo đó.',
              en: 'Retention cohorts are reviewed at least quarterly, and contact timing (such as a reminder before the usual repurchase) follows them.',
            },
            weight: 1,
            indicators: ['repeat_purchase_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem bảng giữ chân theo nhóm khách và ghi lại khách thường mua lần hai sau bao lâu',
                  en: 'Read the retention cohorts and note how long customers usually take to buy a second time',
                },
                screen: 'analytics_customers',
              },
            ],
          },
        ],
      },
      {
        key: 'profiling',
        name: { vi: 'Hồ sơ khách hàng và phân tích bên ngoài', en: 'Profiling and external analysis' },
        practices: [
          {
            id: 'ap.profile.1',
            text: {
              vi: 'Hồ sơ khách hàng có những thông tin cần để bán và phục vụ tốt (với cá nhân: độ tuổi, tỉnh/thành, sở thích; với doanh nghiệp: ngành, quy mô, người quyết định), và các trường này thực sự được điền.',
              en: 'Customer records hold what it takes to sell and serve well (for people: age band, province, interests; for businesses: industry, size, who decides), and these fields are filled in.',
            },
            intention: {
              vi: 'Danh sách thông tin cần có đã được thống nhất, và nhân viên biết thu thập vào lúc nào, bằng cách nào.',
              en: 'The list of must-have fields is agreed, and staff know when and how to collect them.',
            },
            reality: {
              vi: 'Phần lớn khách đang mua đã có đủ các trường chính, và hồ sơ được dùng để chọn người cần liên hệ.',
              en: 'Most active customers have the key fields filled in, and profiles are used to choose whom to contact.',
            },
            weight: 1,
            indicators: ['field_completeness'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thêm các trường riêng mà doanh nghiệp cần và đưa các trường chính lên biểu mẫu khách hàng',
                  en: 'Add the fields your business needs and put the key ones on the customer form',
                },
                screen: 'settings_fields',
              },
            ],
          },
          {
            id: 'ap.profile.2',
            text: {
              vi: 'Thông tin bên ngoài (xu hướng thị trường và giá cả, mùa vụ và các dịp như Tết, sự kiện ở địa phương, tin tức về khách hàng doanh nghiệp) được thu thập và cân nhắc trước khi lập kế hoạch.',
              en: 'Outside information (market and price trends, seasons and holidays such as Tết, local events, news about business customers) is gathered and weighed before planning.',
            },
            intention: {
              vi: 'Đã có người chịu trách nhiệm mang góc nhìn bên ngoài vào mỗi kỳ lập kế hoạch.',
              en: 'Someone is responsible for bringing the outside view to each planning round.',
            },
            reality: {
              vi: 'Mỗi bản kế hoạch ghi rõ các yếu tố bên ngoài mà nó dựa vào, và sau đó được đối chiếu với những gì thực sự xảy ra.',
              en: 'Each plan names the outside factors it assumes, and they are checked afterwards against what happened.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Giao cho một người việc định kỳ tổng hợp bối cảnh bên ngoài trước mỗi kỳ lập kế hoạch',
                  en: 'Give someone a recurring task to sum up the outside view before each planning round',
                },
                screen: 'tasks',
              },
            ],
          },
        ],
      },
      {
        key: 'lifetime_value',
        name: { vi: 'Theo dõi giá trị trọn đời', en: 'Lifetime value monitoring' },
        practices: [
          {
            id: 'ap.value.1',
            text: {
              vi: 'Giá trị trọn đời dự kiến của từng khách mua lại được ước tính, và doanh nghiệp biết rõ tên những khách hàng giá trị nhất của mình.',
              en: 'The expected lifetime value of each repeat customer is estimated, and the business knows its most valuable customers by name.',
            },
            intention: {
              vi: 'Lãnh đạo đã thống nhất đánh giá khách hàng theo giá trị dự kiến, không chỉ theo doanh số tháng trước.',
              en: "The leadership has agreed to judge customers by their expected value, not only by last month's sales.",
            },
            reality: {
              vi: 'Hạng giá trị luôn được cập nhật, và người phụ trách khách hạng cao nói được họ là ai và đáng giá bao nhiêu.',
              en: 'Value tiers are current, and the owners of top-tier customers can say who they are and what they are worth.',
            },
            weight: 1,
            indicators: ['scored_share_30d'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu một phân khúc gồm khách hạng “Giá trị nhất” và chia sẻ cho cả đội',
                  en: 'Save a segment of the most valuable tier and share it with the team',
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'ap.value.2',
            text: {
              vi: 'Biến động giá trị được theo dõi: khách nào đang tăng, khách nào đang giảm, và khi đã biết chi phí thì khách nào có chi phí phục vụ cao hơn giá trị họ mang lại.',
              en: 'Changes in value are watched: which customers are rising, which are falling, and, where costs are known, who costs more to serve than they bring.',
            },
            intention: {
              vi: 'Biến động giá trị là một mục cố định trong cuộc họp định kỳ, và chi phí phục vụ đã được thống nhất.',
              en: 'Value movements are on the agenda of a regular meeting, and the costs to serve are agreed.',
            },
            reality: {
              vi: 'Dịch chuyển giữa các nhóm giá trị được xem hằng tháng, và những khách giá trị cao đang đi xuống đều có hành động cụ thể.',
              en: 'Movements between value groups are reviewed every month, and every high-value customer who is falling is acted on.',
            },
            weight: 1,
            indicators: ['churn_share'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Nhập chi phí phục vụ để thấy những khách dưới mức hoà vốn',
                  en: 'Enter your costs to serve so that below-zero customers show up',
                },
                screen: 'analytics_settings',
              },
            ],
          },
        ],
      },
      {
        key: 'segmentation',
        name: { vi: 'Phân khúc khách hàng và khách hàng tiềm năng', en: 'Customer and prospect segmentation' },
        practices: [
          {
            id: 'ap.segment.1',
            text: {
              vi: 'Khách hàng được chia nhóm theo giá trị họ mang lại và theo nhu cầu của họ; các phân khúc được lưu và dùng chung để cả công ty làm việc trên cùng một cách chia.',
              en: 'Customers are grouped by what they are worth and by what they need, and the segments are saved and shared so everyone works from the same groups.',
            },
            intention: {
              vi: 'Các phân khúc và định nghĩa của chúng đã được bán hàng, marketing và chăm sóc khách hàng cùng thống nhất.',
              en: 'The segments and their definitions are agreed by sales, marketing and service.',
            },
            reality: {
              vi: 'Các phân khúc dùng chung được kịch bản chăm sóc, chiến dịch và người phụ trách sử dụng hằng tuần, và mỗi phân khúc được chăm sóc theo một cách riêng.',
              en: 'Shared segments are used by playbooks, campaigns and owners every week, and each one is treated differently.',
            },
            weight: 2,
            indicators: ['segments_in_use'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu và chia sẻ phân khúc cho các nhóm giá trị và nhu cầu chính',
                  en: 'Save and share segments for your main value and needs groups',
                },
                screen: 'segments',
              },
              {
                kind: 'quick_win',
                text: { vi: 'Gắn một kịch bản chăm sóc cho mỗi phân khúc dùng chung', en: 'Attach a playbook to each shared segment' },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'ap.segment.2',
            text: {
              vi: 'Khách hàng tiềm năng chưa mua cũng được phân nhóm, theo nguồn và theo mức độ phù hợp, để công sức bán hàng dồn vào những người có triển vọng nhất.',
              en: 'Prospects who have not bought yet are grouped too, by source and by how well they fit, so that sales effort goes to the most promising.',
            },
            intention: {
              vi: 'Tiêu chí của một khách tiềm năng tốt đã được viết ra và đội bán hàng đồng ý.',
              en: 'What makes a good prospect is written down and the sales team agrees with it.',
            },
            reality: {
              vi: 'Mỗi khách tiềm năng mới đều được ghi nguồn và nhóm phù hợp ngay khi vào hệ thống, và thứ tự ưu tiên liên hệ đi theo đó.',
              en: 'Every new lead gets a source and a fit group on entry, and follow-up priority follows them.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu phân khúc khách tiềm năng theo nguồn và mức phù hợp, chia sẻ cho đội bán hàng',
                  en: 'Save segments of leads by source and fit, and share them with sales',
                },
                screen: 'segments',
              },
            ],
          },
        ],
      },
      {
        key: 'competitors',
        name: { vi: 'Phân tích đối thủ cạnh tranh', en: 'Competitor analysis' },
        practices: [
          {
            id: 'ap.competitor.1',
            text: {
              vi: 'Doanh nghiệp biết các đối thủ chính ở từng phân khúc, cùng giá, ưu đãi và cách phục vụ của họ, và bức tranh này được cập nhật ít nhất hai lần mỗi năm.',
              en: 'The main competitors in each segment are known, with their prices, offers and service, and this picture is updated at least twice a year.',
            },
            intention: {
              vi: 'Đã có người phụ trách theo dõi đối thủ, và phần này nằm trong quy trình lập kế hoạch.',
              en: 'Someone owns the competitor picture, and it is part of planning.',
            },
            reality: {
              vi: 'Có bảng so sánh ghi ngày cho từng phân khúc chính, và nhân viên tuyến đầu biết trả lời khi khách hỏi “sao không mua bên kia?”.',
              en: 'A dated comparison exists for each main segment, and frontline staff know how to answer “why not buy from them?”.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Giao một người theo dõi đối thủ và xem lại bảng so sánh sáu tháng một lần',
                  en: 'Name an owner for watching competitors and review the comparison every six months',
                },
                screen: 'tasks',
              },
            ],
          },
          {
            id: 'ap.competitor.2',
            text: {
              vi: 'Khi mất một cơ hội bán hàng hay mất một khách, lý do được ghi lại, kể cả đối thủ nào đã giành được khách, và các lý do này được xem xét định kỳ.',
              en: 'When a deal is lost or a customer leaves, the reason is recorded, including which competitor won, and these reasons are reviewed regularly.',
            },
            intention: {
              vi: 'Việc ghi lý do cho mỗi lần mất khách là bắt buộc, và cả đội hiểu vì sao cần làm.',
              en: 'Recording the reason for every loss is required, and the team understands why.',
            },
            reality: {
              vi: 'Gần như mọi cơ hội thua đều có lý do, và các lý do được tổng hợp, thảo luận mỗi quý.',
              en: 'Almost every lost deal has a reason, and the reasons are summed up and discussed every quarter.',
            },
            weight: 1,
            indicators: ['stage_conversion'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi lý do cho mọi cơ hội thua và cùng cả đội xem lại trong tháng này',
                  en: 'Give every lost deal a reason and review them with the team this month',
                },
                screen: 'deals',
              },
            ],
          },
        ],
      },
      {
        key: 'tacit_knowledge',
        name: { vi: 'Quản lý tri thức ngầm', en: 'Tacit knowledge management' },
        practices: [
          {
            id: 'ap.knowledge.1',
            text: {
              vi: 'Những gì nhân viên biết về khách (sở thích, ai thực sự quyết định, sự cố đã gặp, lời đã hứa) được ghi vào hồ sơ khách hàng, không chỉ nằm trong đầu hay trong Zalo cá nhân.',
              en: 'What staff know about customers (preferences, who really decides, past problems, promises made) is written into the customer record, not kept in heads or personal chat apps.',
            },
            intention: {
              vi: 'Mọi người đều được yêu cầu ghi lại cuộc gọi, cuộc gặp và tin nhắn với khách, và quản lý làm gương.',
              en: 'Everyone is expected to log calls, meetings and chats with customers, and managers lead by example.',
            },
            reality: {
              vi: 'Dòng thời gian của khách có tương tác gần đây từ mọi người làm việc với khách, và đồng nghiệp có thể tiếp nhận một khách mà không cần gọi bàn giao.',
              en: 'Customer timelines show recent interactions from everyone who deals with customers, and a colleague can take a customer over without a handover call.',
            },
            weight: 1,
            indicators: ['stale_records'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thống nhất ghi lại mọi cuộc gọi, tin nhắn với khách, và tuần sau kiểm tra dòng thời gian của mười khách',
                  en: 'Agree to log every customer call and chat, and check the timelines of ten customers next week',
                },
                screen: 'contacts',
              },
            ],
          },
          {
            id: 'ap.knowledge.2',
            text: {
              vi: 'Nhân viên tuyến đầu có một kênh định kỳ để chuyển những gì họ nghe được (yêu cầu, phàn nàn, ưu đãi của đối thủ, ý tưởng) đến người lập kế hoạch.',
              en: 'Frontline staff have a regular way to pass on what they hear (requests, complaints, competitor offers, ideas) to the people who plan.',
            },
            intention: {
              vi: 'Kênh này (một thẻ, bản tổng hợp hằng tháng, một mục trong cuộc họp) đã được thiết lập và nhân viên được khuyến khích dùng.',
              en: 'The channel (a tag, a monthly round-up, a slot in a meeting) is set up, and staff are encouraged to use it.',
            },
            reality: {
              vi: 'Ý kiến từ tuyến đầu đến đều đặn hằng tháng, và có những ý kiến đã thực sự làm thay đổi kế hoạch.',
              en: 'Input from the front line arrives every month, and some of it has visibly changed plans.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thống nhất một thẻ cho những điều học được từ khách và xem lại các hồ sơ gắn thẻ mỗi tháng',
                  en: 'Agree on a tag for what is learnt from customers and review the tagged records every month',
                },
                screen: 'contacts',
              },
            ],
          },
        ],
      },
      {
        key: 'contact_planning',
        name: { vi: 'Lập kế hoạch tiếp xúc và quản lý', en: 'Contact and management planning' },
        practices: [
          {
            id: 'ap.contact.1',
            text: {
              vi: 'Mỗi phân khúc có kế hoạch tiếp xúc: bao lâu một lần, qua kênh nào, nói gì và ai làm.',
              en: 'Each segment has a contact plan: how often, through which channel, with what message and by whom.',
            },
            intention: {
              vi: 'Kế hoạch tiếp xúc đã được viết ra và những người thực hiện đã đồng ý.',
              en: 'The contact plans are written, and the people who carry them out have agreed to them.',
            },
            reality: {
              vi: 'Kế hoạch được chạy thành kịch bản chăm sóc hoặc việc cần làm có lịch, và khách ở từng phân khúc thực sự được liên hệ như đã định.',
              en: 'The plans run as playbooks or scheduled tasks, and the customers of each segment are actually contacted as planned.',
            },
            weight: 1,
            indicators: ['segments_in_use'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Biến kế hoạch tiếp xúc của một phân khúc thành kịch bản chăm sóc',
                  en: 'Turn the contact plan of one segment into a playbook',
                },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'ap.contact.2',
            text: {
              vi: 'Mỗi kế hoạch khách hàng có người chịu trách nhiệm, thời gian và ngân sách cần thiết, và một ngày hẹn để đối chiếu kết quả với chỉ tiêu.',
              en: 'Each customer plan has an owner, the time and money it needs, and a date on which its results are checked against its targets.',
            },
            intention: {
              vi: 'Mọi kế hoạch đều đã thống nhất người chịu trách nhiệm và ngày xem lại.',
              en: 'Every plan has an agreed owner and review date.',
            },
            reality: {
              vi: 'Các buổi xem lại diễn ra đúng hẹn, và kế hoạch không đạt chỉ tiêu được điều chỉnh.',
              en: 'Reviews happen on their dates, and plans that miss their targets are changed.',
            },
            weight: 1,
            indicators: ['segment_targets'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Giao cho mỗi kế hoạch phân khúc một người chịu trách nhiệm, một chỉ tiêu và một ngày xem lại',
                  en: 'Give each segment plan an owner, a target and a review date',
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'ap.contact.3',
            text: {
              vi: 'Việc liên hệ được điều phối: khách không bị nhiều người liên hệ về nhiều chuyện khác nhau trong cùng một tuần, và lựa chọn nhận hay không nhận tin tiếp thị của khách được tôn trọng.',
              en: 'Contact is coordinated: a customer is not approached by several people about different things in the same week, and their choice about marketing messages is respected.',
            },
            intention: {
              vi: 'Quy tắc về tần suất liên hệ và sự đồng ý của khách đã được viết ra, và ai liên hệ với khách cũng biết.',
              en: 'Rules on contact frequency and consent are written, and everyone who contacts customers knows them.',
            },
            reality: {
              vi: 'Gần như mọi khách đều có ghi nhận đồng ý hay từ chối, và chiến dịch, kịch bản chăm sóc đều loại những người đã từ chối.',
              en: 'Consent is recorded for nearly every customer, and campaigns and playbooks leave out those who refused.',
            },
            weight: 1,
            indicators: ['consent_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi nhận trên hồ sơ việc từng khách đồng ý hay từ chối nhận tin tiếp thị',
                  en: "Record on each customer's record whether they accept marketing messages",
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
    key: 'proposition',
    name: { vi: 'Đề xuất giá trị', en: 'Proposition' },
    summary: {
      vi: 'Doanh nghiệp mang lại giá trị gì cho từng nhóm khách hàng, cam kết những tiêu chuẩn dịch vụ nào, và lời hứa đó có được truyền đạt nhất quán đến cả khách hàng lẫn nhân viên hay không.',
      en: 'What the business offers each group of customers, the service it promises, and whether that promise is told consistently to customers and to staff.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'needs_research',
        name: { vi: 'Nghiên cứu nhu cầu', en: 'Needs research' },
        practices: [
          {
            id: 'prop.needs.1',
            text: {
              vi: 'Khách hàng được hỏi họ cần gì và coi trọng điều gì, qua khảo sát ngắn hoặc trò chuyện với khách quan trọng, ở từng phân khúc chính, ít nhất mỗi năm một lần.',
              en: 'Customers are asked what they need and value, through short surveys or conversations with key customers, in each main segment at least once a year.',
            },
            intention: {
              vi: 'Đã có kế hoạch tìm hiểu nhu cầu hằng năm, với bộ câu hỏi và các phân khúc được thống nhất.',
              en: 'A yearly needs study is planned, with its questions and its segments agreed.',
            },
            reality: {
              vi: 'Mỗi phân khúc chính đều có câu trả lời trong năm qua, đủ nhiều để tin được, và kết quả đã được tổng hợp thành văn bản.',
              en: 'Each main segment has answers from the last year, enough of them to trust, and the findings are written up.',
            },
            weight: 1,
            indicators: ['survey_response_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Gửi một khảo sát nhu cầu ngắn cho một phân khúc chính', en: 'Send a short needs survey to one main segment' },
                screen: 'surveys',
              },
            ],
          },
          {
            id: 'prop.needs.2',
            text: {
              vi: 'Dữ liệu mua hàng được dùng để hiểu nhu cầu: mỗi nhóm mua những danh mục nào, món gì hay được mua cùng nhau, và khách thôi không mua món gì.',
              en: 'Buying data is used to read needs: which categories each group buys, what is bought together, and what customers stop buying.',
            },
            intention: {
              vi: 'Các quản lý đã thống nhất xem cả hành vi mua, không chỉ ý kiến, khi quyết định nên chào bán gì.',
              en: 'Managers have agreed to look at purchase patterns, not only opinions, when deciding what to offer.',
            },
            reality: {
              vi: 'Độ phủ danh mục và các sản phẩm hay mua cùng nhau được xem mỗi quý và đã dẫn đến thay đổi về mặt hàng hoặc ưu đãi.',
              en: 'Category reach and the products bought together are reviewed every quarter and have led to changes in the range or the offers.',
            },
            weight: 1,
            indicators: ['categories_per_customer'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem mỗi phân khúc mua những danh mục nào và chưa bao giờ thử danh mục nào',
                  en: 'See which categories each segment buys and which it never tries',
                },
                screen: 'analytics_customers',
              },
            ],
          },
        ],
      },
      {
        key: 'overall_proposition',
        name: { vi: 'Xây dựng đề xuất giá trị tổng thể', en: 'Overall proposition development' },
        practices: [
          {
            id: 'prop.overall.1',
            text: {
              vi: 'Doanh nghiệp đã viết ra, trong vài dòng, vì sao khách nên mua ở đây thay vì nơi khác (giá, chất lượng, tốc độ, tư vấn, chăm sóc sau bán), và ban lãnh đạo cùng đồng ý.',
              en: 'The business has written down, in a few lines, why customers should buy from it rather than elsewhere (price, quality, speed, advice, after-sales care), and the leaders agree on it.',
            },
            intention: {
              vi: 'Tuyên bố này được ban lãnh đạo thống nhất và chia sẻ đến toàn bộ nhân viên.',
              en: 'The statement is agreed by the leadership and shared with all staff.',
            },
            reality: {
              vi: 'Giá, mặt hàng, dịch vụ và quảng cáo đều bám theo tuyên bố đó, và khi được hỏi vì sao mua, khách hàng cũng nêu đúng những lý do ấy.',
              en: 'Prices, range, service and advertising visibly follow the statement, and customers give the same reasons when asked why they buy.',
            },
            weight: 2,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Viết đề xuất giá trị của doanh nghiệp trong năm dòng và thống nhất với ban lãnh đạo',
                  en: 'Write your value proposition in five lines and agree it with the leadership',
                },
                screen: 'tasks',
              },
            ],
          },
          {
            id: 'prop.overall.2',
            text: {
              vi: 'Đề xuất giá trị được kiểm chứng bằng chính lời khách hàng (lý do đằng sau điểm đánh giá, lý do thua cơ hội bán hàng) và được xem lại ít nhất mỗi năm một lần.',
              en: 'The proposition is tested against what customers say (the reasons behind their scores, the reasons deals are lost) and revised at least once a year.',
            },
            intention: {
              vi: 'Việc xem lại đề xuất giá trị dựa trên phản hồi của khách đã có lịch hằng năm và có người phụ trách.',
              en: 'A yearly review of the proposition against customer feedback is scheduled and has an owner.',
            },
            reality: {
              vi: 'Lần xem lại gần nhất đã dùng các ý kiến khảo sát và lý do thua trong năm, và đề xuất giá trị hoặc cách thực hiện đã thay đổi theo.',
              en: "The last review used the year's survey comments and lost reasons, and the proposition or the way it is delivered changed as a result.",
            },
            weight: 1,
            indicators: ['nps'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đọc các ý kiến khảo sát trong năm và phân loại theo điều khách khen hoặc chê',
                  en: "Read the year's survey comments and sort them by what customers praise or miss",
                },
                screen: 'survey_results',
              },
            ],
          },
        ],
      },
      {
        key: 'segment_matching',
        name: { vi: 'Đề xuất phù hợp từng phân khúc', en: 'Matching the proposition to segments' },
        practices: [
          {
            id: 'prop.segment.1',
            text: {
              vi: 'Mỗi phân khúc chính có đề xuất riêng (giá, dịch vụ, mức ưu tiên, quyền lợi thành viên), và khách giá trị hơn nhận được nhiều hơn một cách rõ ràng.',
              en: 'Each main segment has its own offer (prices, services, priority, loyalty benefits), and more valuable customers visibly get more.',
            },
            intention: {
              vi: 'Đề xuất cho từng phân khúc đã được quyết định, và những người phục vụ từng phân khúc đều nắm rõ.',
              en: 'The offer for each segment is decided, and the people who serve each segment know it.',
            },
            reality: {
              vi: 'Khách ở mỗi phân khúc thực sự nhận được đúng đề xuất của mình ở mọi kênh, và kết quả giữa các phân khúc được so sánh.',
              en: 'The customers of each segment actually receive their offer in every channel, and the results of the segments are compared.',
            },
            weight: 1,
            indicators: ['segments_in_use'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Xác định mỗi phân khúc chính được chào những gì',
                  en: 'Decide what each main segment is offered',
                },
                screen: 'segments',
              },
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đặt hạng thành viên và quyền lợi tương ứng với các phân khúc',
                  en: 'Set loyalty tiers and benefits that match the segments',
                },
                screen: 'settings_loyalty',
              },
            ],
          },
          {
            id: 'prop.segment.2',
            text: {
              vi: 'Khách có chi phí phục vụ cao hơn giá trị họ mang lại được phục vụ theo cách gọn nhẹ hơn (tự phục vụ, đơn tối thiểu, ít lần ghé thăm hơn) thay vì giống hệt khách tốt nhất.',
              en: 'Customers who cost more to serve than they bring are served in a lighter way (self-service, a minimum order, fewer visits) rather than like the best customers.',
            },
            intention: {
              vi: 'Ban quản lý đã quyết định cách phục vụ khách giá trị thấp, và cả đội hiểu rằng đây không phải là bỏ mặc khách.',
              en: 'Management has decided how low-value customers are served, and the team understands that this is not neglect.',
            },
            reality: {
              vi: 'Doanh nghiệp biết rõ những khách dưới mức hoà vốn, và chi phí phục vụ họ đã giảm mà không đánh mất những khách có thể phát triển.',
              en: 'The below-zero customers are known, and their cost to serve has fallen without losing those who could grow.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lập danh sách khách dưới mức hoà vốn và thống nhất cách phục vụ từng loại',
                  en: 'List the below-zero customers and agree how each kind will be served',
                },
                screen: 'analytics_value',
              },
            ],
          },
        ],
      },
      {
        key: 'service_standards',
        name: { vi: 'Tiêu chuẩn dịch vụ', en: 'Service standards' },
        practices: [
          {
            id: 'prop.standards.1',
            text: {
              vi: 'Cam kết dịch vụ cụ thể và đo được (trả lời trong hai giờ làm việc, giao hàng trong hai ngày, đổi hàng trong bảy ngày) và được cài đặt thành thời hạn (SLA) trong hệ thống.',
              en: 'Service promises are specific and measurable (answer within two working hours, deliver within two days, exchange within seven) and are set as targets in the system.',
            },
            intention: {
              vi: 'Các tiêu chuẩn đã được viết ra, phê duyệt, và mọi đội phải đáp ứng đều biết.',
              en: 'The standards are written and approved, and every team that must meet them knows them.',
            },
            reality: {
              vi: 'Mọi yêu cầu hỗ trợ đều chạy theo thời hạn đã đặt, và gần như luôn đạt.',
              en: 'Every support request runs against a time target, and the targets are almost always met.',
            },
            weight: 1,
            indicators: ['sla_attainment'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đặt thời hạn phản hồi và giải quyết cho các yêu cầu hỗ trợ',
                  en: 'Set response and resolution targets for support requests',
                },
                screen: 'settings_care',
              },
            ],
          },
          {
            id: 'prop.standards.2',
            text: {
              vi: 'Tiêu chuẩn được đối chiếu với trải nghiệm thực của khách, và khi mức hài lòng chưa đạt thì tiêu chuẩn hoặc cách làm được thay đổi.',
              en: 'Standards are checked against what customers experience, and when satisfaction falls short the standard or the way of working changes.',
            },
            intention: {
              vi: 'Có buổi xem xét định kỳ so sánh tiêu chuẩn với mức hài lòng, và trưởng bộ phận dịch vụ đã cam kết hành động theo kết quả.',
              en: 'A regular review compares the standards with satisfaction, and the service leads have committed to act on it.',
            },
            reality: {
              vi: 'Mức hài lòng sau dịch vụ được đo cho mọi đội, và trong năm tiêu chuẩn đã được điều chỉnh ít nhất một lần dựa trên số liệu đó.',
              en: 'Satisfaction after service is measured for every team, and the standards were adjusted at least once in the year on that evidence.',
            },
            weight: 1,
            indicators: ['csat', 'sla_attainment'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tự động gửi khảo sát hài lòng sau mỗi yêu cầu được giải quyết',
                  en: 'Send a satisfaction survey automatically after each resolved request',
                },
                screen: 'surveys',
              },
            ],
          },
        ],
      },
      {
        key: 'external_communication',
        name: { vi: 'Truyền thông với khách hàng', en: 'External communication' },
        practices: [
          {
            id: 'prop.external.1',
            text: {
              vi: 'Những gì hứa hẹn trong quảng cáo, trên website, fanpage và Zalo OA khớp với những gì doanh nghiệp thực sự làm được, và giống nhau trên mọi kênh.',
              en: 'What is promised in ads, on the website, the fanpage and the Zalo OA matches what the business actually delivers, and is the same in every channel.',
            },
            intention: {
              vi: 'Có một người hoặc một nhóm duyệt mọi thông điệp gửi khách, đối chiếu với đề xuất giá trị và tiêu chuẩn dịch vụ.',
              en: 'One person or team approves customer-facing messages against the proposition and the service standards.',
            },
            reality: {
              vi: 'Rà soát các kênh không thấy lời hứa nào mâu thuẫn nhau, và khiếu nại kiểu “không như quảng cáo” rất hiếm.',
              en: 'A check of the channels finds no conflicting promises, and complaints that something was “not as advertised” are rare.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Trong tháng này, rà soát lời hứa trên từng kênh so với tiêu chuẩn dịch vụ',
                  en: 'This month, check the promises made on each channel against your service standards',
                },
                screen: 'tasks',
              },
            ],
          },
          {
            id: 'prop.external.2',
            text: {
              vi: 'Thông điệp gửi khách được điều chỉnh theo phân khúc và giai đoạn của họ thay vì gửi một nội dung cho tất cả, và chỉ gửi cho người đã đồng ý nhận.',
              en: 'Messages to customers are adapted to their segment and stage instead of one message for everyone, and go only to those who agreed to receive them.',
            },
            intention: {
              vi: 'Bộ phận marketing đã thống nhất lên kế hoạch thông điệp theo từng phân khúc và tôn trọng sự đồng ý của khách.',
              en: 'Marketing has agreed to plan its messages per segment and to respect consent.',
            },
            reality: {
              vi: 'Các đợt gửi gần đây và email trong kịch bản chăm sóc đều nhắm vào một phân khúc cụ thể, và sự đồng ý được kiểm tra trước mỗi lần gửi.',
              en: 'Recent mailings and playbook emails are each aimed at a segment, and consent is checked before every send.',
            },
            weight: 1,
            indicators: ['segments_in_use', 'consent_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Gắn mỗi kịch bản chăm sóc với một phân khúc và cá nhân hoá email bằng thông tin của khách',
                  en: "Give each playbook a segment as its audience and personalise its emails with the customer's details",
                },
                screen: 'playbooks',
              },
            ],
          },
        ],
      },
      {
        key: 'internal_communication',
        name: { vi: 'Truyền thông nội bộ', en: 'Internal communication' },
        practices: [
          {
            id: 'prop.internal.1',
            text: {
              vi: 'Mọi người làm việc với khách đều giải thích được doanh nghiệp chào gì cho từng phân khúc và áp dụng tiêu chuẩn dịch vụ nào; nhân viên mới được học điều này ngay tuần đầu.',
              en: 'Everyone who deals with customers can explain what the business offers each segment and which service standards apply, and new staff learn it in their first week.',
            },
            intention: {
              vi: 'Đề xuất giá trị và tiêu chuẩn dịch vụ nằm trong chương trình hội nhập, có tài liệu và người hướng dẫn.',
              en: 'The proposition and the standards are part of onboarding, with material and a person to teach them.',
            },
            reality: {
              vi: 'Mọi nhân viên tiếp xúc khách đều đã được đào tạo, và kiểm tra ngẫu nhiên cho thấy họ trả lời nhất quán.',
              en: 'Every customer-facing member has been trained on them, and spot checks find that they answer consistently.',
            },
            weight: 1,
            indicators: ['training_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Đưa đề xuất giá trị và tiêu chuẩn dịch vụ vào chương trình hội nhập của mọi nhân viên mới',
                  en: 'Add the proposition and the service standards to the onboarding of every new member',
                },
                screen: 'settings_members',
              },
            ],
          },
          {
            id: 'prop.internal.2',
            text: {
              vi: 'Thay đổi về ưu đãi, giá hay tiêu chuẩn dịch vụ đến được tuyến đầu trước khi khách biết, kèm sẵn câu trả lời cho những câu khách sẽ hỏi.',
              en: 'Changes to offers, prices or standards reach the front line before customers hear of them, with answers ready for the questions customers will ask.',
            },
            intention: {
              vi: 'Đã có cách thống nhất để phổ biến cho nhân viên mọi thay đổi trước khi áp dụng.',
              en: 'There is an agreed way to brief staff on every change before it goes live.',
            },
            reality: {
              vi: 'Những thay đổi gần đây đều được phổ biến trước, và các câu trả lời mẫu được cập nhật ngay trong ngày.',
              en: 'The recent changes were all briefed in advance, and the canned replies were updated the same day.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Cập nhật câu trả lời mẫu mỗi khi ưu đãi hoặc giá thay đổi',
                  en: 'Update the canned replies whenever an offer or a price changes',
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
    key: 'customer_management',
    name: { vi: 'Quản lý khách hàng: thu hút, phát triển, giữ chân', en: 'Customer management: acquisition, development, retention' },
    summary: {
      vi: 'Công việc hằng ngày để có thêm khách, giúp khách mua nhiều hơn và gắn bó lâu hơn, và kéo lại những khách đã rời đi; tất cả được lên kế hoạch để tăng giá trị ở cả bốn mặt: giữ chân, hiệu quả, thu hút và thâm nhập.',
      en: 'The daily work of winning customers, growing what they buy, keeping them and winning back those who left, planned to add value on all four levers: retention, efficiency, acquisition and penetration.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'acquisition',
        name: { vi: 'Thu hút khách hàng mới', en: 'Acquisition' },
        practices: [
          {
            id: 'cm.acquisition.1',
            text: {
              vi: 'Doanh nghiệp biết nguồn và kênh nào mang lại những khách mới quay lại mua và chi tiêu tốt, chứ không chỉ biết nguồn nào đem về nhiều khách, và dồn công sức vào những nguồn đó.',
              en: 'The business knows which sources and channels bring new customers who come back and spend, not only how many they bring, and moves its effort towards them.',
            },
            intention: {
              vi: 'Đã thống nhất phân bổ ngân sách thu hút khách theo chất lượng khách mà mỗi nguồn mang lại.',
              en: 'It is agreed that the acquisition budget follows the quality of the customers each source brings.',
            },
            reality: {
              vi: 'Mọi khách mới đều có nguồn, số khách mới mỗi tháng được theo dõi cùng xu hướng, và chi tiêu đã được điều chỉnh ít nhất một lần dựa trên số liệu này.',
              en: 'Every new customer has a source, new customers per month are tracked with their trend, and spending has moved at least once on that evidence.',
            },
            weight: 1,
            indicators: ['new_customers_per_month', 'repeat_purchase_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'So sánh khách mới theo nguồn và xem nguồn nào mang lại khách mua lại',
                  en: 'Compare new customers by source and see which sources bring repeat buyers',
                },
                screen: 'analytics_customers',
              },
            ],
          },
          {
            id: 'cm.acquisition.2',
            text: {
              vi: 'Mọi lời hỏi hàng đều trở thành khách tiềm năng có người phụ trách và đi qua các bước bán hàng đã định; không khách nào bị bỏ lửng mà không có bước tiếp theo.',
              en: 'Every enquiry becomes a lead with an owner and moves through defined sales stages; none is left without a next step.',
            },
            intention: {
              vi: 'Các bước bán hàng và nguyên tắc “khách tiềm năng nào cũng có người phụ trách và bước tiếp theo” đã được đội bán hàng thống nhất.',
              en: 'The sales stages and the rule “every lead has an owner and a next step” are agreed by the sales team.',
            },
            reality: {
              vi: 'Các cơ hội đang mở đi qua các bước mà không bị ngưng trệ, và tỷ lệ thắng được theo dõi và đang cải thiện.',
              en: 'Open deals move through the stages without stalling, and the share won is tracked and improving.',
            },
            weight: 1,
            indicators: ['stage_conversion', 'time_in_stage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thiết lập các bước bán hàng và giao người phụ trách cho mọi cơ hội đang mở',
                  en: 'Set up your sales stages and give every open deal an owner',
                },
                screen: 'settings_pipelines',
              },
            ],
          },
          {
            id: 'cm.acquisition.3',
            text: {
              vi: 'Khách mới được chào đón bằng một kế hoạch cho vài tuần đầu (lời cảm ơn, cuộc gọi hỏi thăm, hướng dẫn sử dụng) nhằm dẫn đến lần mua thứ hai.',
              en: 'A new customer is welcomed with a planned first few weeks (thanks, a check-in call, help with first use) aimed at the second purchase.',
            },
            intention: {
              vi: 'Các bước chào đón đã được thiết kế, và người thực hiện biết rõ phần việc của mình.',
              en: 'The welcome steps are designed, and whoever carries them out knows their part.',
            },
            reality: {
              vi: 'Gần như mọi khách mới đều được đưa vào kịch bản chào đón, và tỷ lệ khách mua lần hai tăng lên.',
              en: 'Nearly every new customer is enrolled in the welcome playbook, and more of them buy a second time.',
            },
            weight: 1,
            indicators: ['playbook_coverage_new', 'repeat_purchase_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Bật kịch bản chăm sóc khách mới ở chế độ tự động áp dụng',
                  en: 'Turn on the new-customer playbook with automatic enrolment',
                },
                screen: 'playbooks',
              },
            ],
          },
        ],
      },
      {
        key: 'ownership',
        name: { vi: 'Phụ trách khách hàng và khách hàng trọng điểm', en: 'Ownership and key accounts' },
        practices: [
          {
            id: 'cm.ownership.1',
            text: {
              vi: 'Mọi khách đang mua, hoặc ít nhất mọi khách có giá trị thực sự, đều có một người cụ thể chịu trách nhiệm về mối quan hệ.',
              en: 'Every active customer, or at least every customer of real value, has a named person responsible for the relationship.',
            },
            intention: {
              vi: 'Đã thống nhất quy tắc ai phụ trách khách nào, kể cả khi người phụ trách nghỉ việc hay vắng mặt.',
              en: 'The rule for who owns which customers is agreed, including what happens when an owner leaves or is away.',
            },
            reality: {
              vi: 'Gần như mọi khách đang mua đều có người phụ trách trong CRM, và người phụ trách biết rõ, thường xuyên liên hệ khách của mình.',
              en: 'Nearly every active customer has an owner in the CRM, and owners know their customers and contact them regularly.',
            },
            weight: 2,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Giao người phụ trách cho mọi khách thuộc hạng “Giá trị nhất”',
                  en: 'Assign an owner to every customer in the most valuable tier',
                },
                screen: 'contacts',
              },
            ],
          },
          {
            id: 'cm.ownership.2',
            text: {
              vi: 'Khách hàng trọng điểm (khách lớn nhất và khách còn nhiều dư địa phát triển nhất) có kế hoạch riêng: những người quan trọng, những gì họ đang mua và có thể mua, rủi ro và bước tiếp theo, được xem lại mỗi quý.',
              en: 'Key accounts (the largest customers and those with most room to grow) have an account plan: the people who matter, what they buy and could buy, risks and next steps, reviewed every quarter.',
            },
            intention: {
              vi: 'Danh sách khách trọng điểm đã được chọn, và mỗi khách có người phụ trách đã cam kết duy trì kế hoạch.',
              en: 'The key accounts are chosen, and each has an owner who has committed to keeping a plan.',
            },
            reality: {
              vi: 'Mọi khách trọng điểm đều có kế hoạch cập nhật cùng các cơ hội và việc cần làm đang mở, và các buổi xem lại hằng quý diễn ra đều đặn.',
              en: 'Every key account has a current plan with its open deals and tasks, and the quarterly reviews take place.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Chọn các khách hàng trọng điểm và lập kế hoạch cơ hội, việc cần làm cho từng khách',
                  en: 'Choose your key accounts and plan the deals and tasks for each of them',
                },
                screen: 'companies',
              },
            ],
          },
        ],
      },
      {
        key: 'development',
        name: { vi: 'Phát triển khách hàng', en: 'Customer development' },
        practices: [
          {
            id: 'cm.develop.1',
            text: {
              vi: 'Mỗi phân khúc có kế hoạch tăng những gì khách mua (chẳng hạn thêm danh mục thứ hai cho khách mới mua một danh mục), kèm chỉ tiêu.',
              en: 'Each segment has a plan to grow what its customers buy (for example a second category for single-category buyers), with a target.',
            },
            intention: {
              vi: 'Chiến lược phát triển cho từng phân khúc đã được viết ra, và người bán cho từng phân khúc đồng ý.',
              en: 'A development strategy is written for each segment, and the people who sell to it agree with it.',
            },
            reality: {
              vi: 'Số danh mục mỗi khách được theo dõi theo phân khúc và đang tăng ở những nơi kế hoạch đặt ra.',
              en: 'Categories per customer are tracked by segment and are rising where the plan said they would.',
            },
            weight: 1,
            indicators: ['categories_per_customer', 'segment_targets'],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Đặt chỉ tiêu thâm nhập cho từng phân khúc chính', en: 'Set a penetration target for each main segment' },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'cm.develop.2',
            text: {
              vi: 'Bán chéo và bán thêm dựa trên những gì khách tương tự thường mua cùng nhau, và chỉ chào khi thực sự có ích cho khách, không ép ở mọi lần tiếp xúc.',
              en: 'Cross-selling and upselling start from what similar customers buy together, and are offered when they help the customer, not pushed at every contact.',
            },
            intention: {
              vi: 'Nhân viên đã thống nhất hướng dẫn nên gợi ý gì, cho ai và khi nào.',
              en: 'Staff have agreed guidelines on what to suggest, to whom and when.',
            },
            reality: {
              vi: 'Gợi ý được lấy từ dữ liệu trên trang khách hàng, và tỷ lệ khách mua từ hai danh mục trở lên đang tăng.',
              en: 'Suggestions come from the data on the customer page, and the share of customers buying in two or more categories is rising.',
            },
            weight: 1,
            indicators: ['cross_sell_rate', 'categories_per_customer'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo phân khúc khách chỉ mua một danh mục và chào họ sản phẩm hay được mua tiếp theo nhất',
                  en: 'Build a segment of single-category buyers and offer them the product most often bought next',
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'cm.develop.3',
            text: {
              vi: 'Ưu đãi được điều chỉnh cho từng khách dựa trên lịch sử của họ: sản phẩm, kích cỡ, thời điểm và kênh họ ưa thích.',
              en: 'Offers are tailored to the individual customer from their history: the products, sizes, times and channels they prefer.',
            },
            intention: {
              vi: 'Đã thống nhất cách cá nhân hoá ưu đãi, và nhân viên được yêu cầu xem lịch sử của khách trước khi đề xuất bất cứ điều gì.',
              en: "The way offers are tailored is agreed, and staff are expected to look at the customer's history before proposing anything.",
            },
            reality: {
              vi: 'Ưu đãi và tin nhắn đều dựa trên lịch sử riêng của khách, và khách nhận được chúng mua lại thường xuyên hơn.',
              en: "Offers and messages use the customer's own history, and customers who receive them buy again more often.",
            },
            weight: 1,
            indicators: ['repeat_purchase_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem phần nhu cầu trên trang khách hàng trước mỗi cuộc gọi bán hàng',
                  en: 'Look at the needs panel on the customer page before each sales call',
                },
                screen: 'contacts',
              },
            ],
          },
        ],
      },
      {
        key: 'retention',
        name: { vi: 'Giữ chân khách hàng', en: 'Retention' },
        practices: [
          {
            id: 'cm.retention.1',
            text: {
              vi: 'Việc giữ chân khách được đo lường (tỷ lệ mua lại, giữ chân theo nhóm khách, khách đang rời đi) với chỉ tiêu cho từng phân khúc, và được xem lại hằng tháng.',
              en: 'Retention is measured (repeat purchase, cohorts, customers slipping away) with a target for each segment, and reviewed every month.',
            },
            intention: {
              vi: 'Chỉ tiêu giữ chân do ban lãnh đạo đặt ra và có quản lý cụ thể chịu trách nhiệm.',
              en: 'Retention targets are set by the leadership and owned by named managers.',
            },
            reality: {
              vi: 'Số liệu hằng tháng được so với chỉ tiêu, và tỷ lệ khách đang rời đi ổn định hoặc giảm.',
              en: 'The monthly figures are compared with the targets, and the share of customers slipping away is stable or falling.',
            },
            weight: 2,
            indicators: ['churn_share', 'repeat_purchase_rate', 'segment_targets'],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Đặt chỉ tiêu giữ chân cho từng phân khúc chính', en: 'Set a retention target for each main segment' },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'cm.retention.2',
            text: {
              vi: 'Khách có nguy cơ rời bỏ (khả năng còn mua đang giảm, hoặc khách giá trị đã lâu không mua) được đánh dấu, và có người liên hệ họ trong vòng một tuần.',
              en: 'Customers at risk (those whose chance of still buying is falling, and valuable ones who have gone quiet) are flagged, and someone contacts them within a week.',
            },
            intention: {
              vi: 'Đã thống nhất thế nào là có nguy cơ rời bỏ, ai xử lý và trong bao lâu.',
              en: 'What counts as at risk, who acts on it and how fast are agreed.',
            },
            reality: {
              vi: 'Mọi khách có nguy cơ đều được kịch bản chăm sóc hoặc người phụ trách liên hệ trong vòng một tuần, và số khách bị mất giảm đi.',
              en: 'A playbook or an owner reaches every at-risk customer within a week, and fewer of them are lost.',
            },
            weight: 1,
            indicators: ['churn_share'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu phân khúc khách có nguy cơ rời bỏ và bật một kịch bản gọi điện hỏi thăm họ',
                  en: 'Save an at-risk segment and turn on a playbook that calls them',
                },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'cm.retention.3',
            text: {
              vi: 'Khách trung thành được ghi nhận và tri ân theo cách họ thực sự coi trọng (hạng thành viên, tích điểm, phục vụ ưu tiên, cảm ơn khi giới thiệu khách mới).',
              en: 'Loyal customers are recognised and rewarded in ways they value (tiers, points, priority service, thanks for referrals).',
            },
            intention: {
              vi: 'Chương trình khách hàng thân thiết đã được thiết kế, chi phí đã được duyệt, và nhân viên giải thích được cho khách.',
              en: 'A loyalty scheme is designed with its costs approved, and staff can explain it to customers.',
            },
            reality: {
              vi: 'Phần lớn khách mua lại đã tham gia chương trình, dùng quyền lợi của mình và mua thường xuyên hơn những khách khác.',
              en: 'Most repeat customers are in the scheme, use their benefits and buy more often than others.',
            },
            weight: 1,
            indicators: ['repeat_purchase_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thiết lập hạng thành viên, tích điểm và phần thưởng giới thiệu',
                  en: 'Set up loyalty tiers, points and referral rewards',
                },
                screen: 'settings_loyalty',
              },
            ],
          },
        ],
      },
      {
        key: 'win_back',
        name: { vi: 'Kéo khách hàng quay lại', en: 'Win-back' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cm.winback.1',
            text: {
              vi: 'Khách đã ngừng mua được liên hệ với một lý do để quay lại, phù hợp với những gì họ từng mua và lý do họ ngừng.',
              en: 'Lapsed customers are contacted with a reason to come back that fits what they used to buy and why they stopped.',
            },
            intention: {
              vi: 'Cách kéo khách quay lại đã được thiết kế cho từng kiểu khách đã ngừng mua, và có người chịu trách nhiệm.',
              en: 'A win-back approach is designed for each kind of lapsed customer, and it has an owner.',
            },
            reality: {
              vi: 'Khách đã ngừng mua được liên hệ đều đặn, và một tỷ lệ đo được trong số họ quay lại mua.',
              en: 'Lapsed customers are contacted routinely, and a measurable share of them buy again.',
            },
            weight: 1,
            indicators: ['win_back_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo phân khúc khách lâu không mua và bật kịch bản kéo khách quay lại',
                  en: 'Build a segment of customers who have not bought for a long time and turn on a win-back playbook',
                },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'cm.winback.2',
            text: {
              vi: 'Doanh nghiệp chọn ra những khách đã ngừng mua đáng để kéo lại, dựa trên giá trị trước đây của họ, và đo lường kết quả mang lại.',
              en: 'The business decides which lapsed customers are worth winning back, by what they were worth before, and measures what win-back brings.',
            },
            intention: {
              vi: 'Tiêu chí và ngân sách cho việc kéo khách quay lại đã được thống nhất.',
              en: 'The criteria and a budget for win-back are agreed.',
            },
            reality: {
              vi: 'Nỗ lực kéo khách quay lại ưu tiên những khách từng có giá trị cao, và tỷ lệ quay lại được báo cáo mỗi quý.',
              en: 'Win-back effort goes to formerly high-value customers first, and the win-back rate is reported every quarter.',
            },
            weight: 1,
            indicators: ['win_back_rate'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Thống nhất nhóm khách đã ngừng mua cần kéo lại và ngân sách cho việc đó',
                  en: 'Agree which lapsed customers to win back, and the budget for it',
                },
                screen: 'analytics_value',
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
      vi: 'Khách hàng cảm nhận thế nào khi mua và dùng sản phẩm, dịch vụ: doanh nghiệp có lắng nghe, xử lý khiếu nại tốt, phục vụ nhất quán trên mọi kênh, nhận ra khách sắp rời đi và hành động theo lời khách hay không. Chất lượng quan trọng hơn số lượng.',
      en: 'How customers find buying from the business and using what it sells: whether it listens, handles complaints well, serves consistently across channels, notices who is leaving and acts on what customers say. Quality before quantity.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'listening',
        name: { vi: 'Lắng nghe khách hàng', en: 'Listening to customers' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cx.listening.1',
            text: {
              vi: 'Khách được hỏi ý kiến vào những thời điểm quan trọng (sau khi giao hàng, sau khi giải quyết yêu cầu hỗ trợ, mỗi năm một lần về mối quan hệ) một cách tự động, không phải khi ai đó nhớ ra.',
              en: 'Customers are asked for feedback at the moments that matter (after a delivery, after a support request is resolved, once a year about the relationship) automatically, not when someone remembers.',
            },
            intention: {
              vi: 'Đã quyết định hỏi vào thời điểm nào, hỏi gì và ai đọc câu trả lời.',
              en: 'The moments, the questions and who reads the answers are decided.',
            },
            reality: {
              vi: 'Khảo sát tự gửi đi ở từng thời điểm, đủ nhiều khách trả lời, và đội nào cũng có kết quả gần đây.',
              en: 'Surveys go out by themselves at each moment, enough customers answer, and every team has recent results.',
            },
            weight: 2,
            indicators: ['survey_response_rate', 'nps'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Tự động gửi khảo sát NPS vài ngày sau mỗi lần giao hàng', en: 'Send an NPS survey automatically a few days after each delivery' },
                screen: 'surveys',
              },
            ],
          },
          {
            id: 'cx.listening.2',
            text: {
              vi: 'Kết quả phản hồi (mức sẵn lòng giới thiệu, mức hài lòng, mức độ dễ dàng) được xem cùng xu hướng và số người trả lời, theo từng đội và từng phân khúc, và được chia sẻ cho người liên quan.',
              en: 'Feedback results (willingness to recommend, satisfaction, effort) are read with their trend and the number of answers, per team and per segment, and shared with the people concerned.',
            },
            intention: {
              vi: 'Đã có lịch xem kết quả trải nghiệm hằng tháng, và mọi trưởng nhóm đã đồng ý tham gia.',
              en: 'A monthly review of the experience results is scheduled, and every team lead has agreed to take part.',
            },
            reality: {
              vi: 'NPS, mức hài lòng và mức độ dễ dàng được xem hằng tháng theo từng đội, và số liệu đáng tin vì đủ lượng trả lời.',
              en: 'NPS, satisfaction and effort are reviewed every month per team, and the figures are trusted because enough customers answer.',
            },
            weight: 1,
            indicators: ['nps', 'csat', 'ces'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem kết quả khảo sát theo từng đội và chia sẻ ở buổi họp nhóm tới',
                  en: 'Open the survey results by team and share them at the next team meeting',
                },
                screen: 'survey_results',
              },
            ],
          },
        ],
      },
      {
        key: 'complaints',
        name: { vi: 'Xử lý khiếu nại', en: 'Complaint handling' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cx.complaints.1',
            text: {
              vi: 'Mọi khiếu nại, dù đến qua kênh nào (điện thoại, Zalo, fanpage, email, tại quầy), đều được ghi thành yêu cầu hỗ trợ có người phụ trách và thời hạn.',
              en: 'Every complaint, whatever the channel (phone, Zalo, fanpage, email, at the counter), is logged as a request with an owner and a deadline.',
            },
            intention: {
              vi: 'Ai nghe khách phàn nàn cũng biết mình phải ghi lại, và ghi như thế nào.',
              en: 'Everyone who hears a complaint knows that they must log it, and how.',
            },
            reality: {
              vi: 'Khiếu nại từ mọi kênh đều có trong danh sách yêu cầu hỗ trợ, gần như tất cả được xử lý đúng hạn, và không yêu cầu nào bị bỏ mà chưa phân công.',
              en: 'Complaints from every channel appear as requests, almost all of them meet their deadline, and none is left unassigned.',
            },
            weight: 1,
            indicators: ['sla_attainment', 'complaint_resolution_time'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thống nhất mọi khiếu nại đều được tạo thành yêu cầu hỗ trợ, và kiểm tra hàng đợi chưa phân công mỗi ngày',
                  en: 'Agree that every complaint becomes a request, and check the unassigned queue every day',
                },
                screen: 'tickets',
              },
            ],
          },
          {
            id: 'cx.complaints.2',
            text: {
              vi: 'Khiếu nại được giải quyết nhanh, khách được báo đã xử lý ra sao, và sau đó được hỏi xem đã hài lòng chưa.',
              en: 'Complaints are resolved fast, the customer is told what was done, and is asked afterwards whether they are satisfied.',
            },
            intention: {
              vi: 'Thời hạn và các bước xử lý tốt (xin lỗi, tìm nguyên nhân, khắc phục, xác nhận với khách) đã được thống nhất và hướng dẫn cho nhân viên.',
              en: 'Target times and the steps of a good resolution (apologise, find the cause, fix it, confirm with the customer) are agreed and taught.',
            },
            reality: {
              vi: 'Thời gian giải quyết khiếu nại (trung vị) nằm trong thời hạn, và mức hài lòng sau khi giải quyết cao.',
              en: 'The median time to resolve a complaint is within its target, and satisfaction after resolution is high.',
            },
            weight: 1,
            indicators: ['complaint_resolution_time', 'csat'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đặt thời hạn giải quyết riêng cho khiếu nại',
                  en: 'Set a resolution target for complaints',
                },
                screen: 'settings_care',
              },
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tự động gửi khảo sát hài lòng sau mỗi khiếu nại được giải quyết',
                  en: 'Send a satisfaction survey automatically after each resolved complaint',
                },
                screen: 'surveys',
              },
            ],
          },
        ],
      },
      {
        key: 'channels',
        name: { vi: 'Trải nghiệm qua các kênh và điểm chạm', en: 'Experience across channels and touchpoints' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cx.channels.1',
            text: {
              vi: 'Các điểm chạm chính (tìm thấy doanh nghiệp, hỏi thông tin, mua, thanh toán, nhận hàng, sử dụng, được hỗ trợ) đã được vẽ ra, kèm những gì có thể trục trặc ở mỗi điểm, và doanh nghiệp biết điểm nào yếu nhất.',
              en: 'The main touchpoints (finding the business, asking, buying, paying, delivery, using, getting help) are mapped, with what can go wrong at each, and the weakest ones are known.',
            },
            intention: {
              vi: 'Việc vẽ hành trình khách hàng đã được lên kế hoạch cùng người của bán hàng, chăm sóc khách hàng và giao nhận.',
              en: 'Mapping the customer journey is planned with people from sales, service and delivery.',
            },
            reality: {
              vi: 'Có bản đồ hành trình được cập nhật, các điểm yếu được đo (mức độ dễ dàng, khiếu nại theo phân loại), và việc cải thiện đang được triển khai.',
              en: 'A current journey map exists, the weak points are measured (effort, complaints by category), and work to improve them is under way.',
            },
            weight: 1,
            indicators: ['ces'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Cùng các đội vẽ hành trình khách hàng và chọn ba điểm chạm yếu nhất để cải thiện',
                  en: 'Map the customer journey with each team and pick the three weakest touchpoints to fix',
                },
                screen: 'tasks',
              },
            ],
          },
          {
            id: 'cx.channels.2',
            text: {
              vi: 'Dù khách liên hệ qua kênh nào, nhân viên đều thấy cùng một lịch sử, nên khách không phải kể lại từ đầu hay nhận những câu trả lời khác nhau.',
              en: 'Whatever channel the customer uses, staff see the same history, so the customer never has to repeat themselves or gets different answers.',
            },
            intention: {
              vi: 'Đã thống nhất rằng mọi kênh đều ghi vào cùng một hồ sơ khách hàng.',
              en: 'It is agreed that every channel records into the same customer record.',
            },
            reality: {
              vi: 'Tương tác và yêu cầu từ mọi kênh đều hiện trên dòng thời gian của khách, và khách đánh giá việc liên hệ là dễ dàng.',
              en: "Interactions and requests from every channel appear on the customer's timeline, and customers rate the effort as low.",
            },
            weight: 1,
            indicators: ['ces'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi lại các cuộc trò chuyện qua Zalo, fanpage và điện thoại trên trang khách hàng',
                  en: "Log Zalo, fanpage and phone conversations on the customer's page",
                },
                screen: 'contacts',
              },
            ],
          },
        ],
      },
      {
        key: 'spotting_leavers',
        name: { vi: 'Nhận biết khách hàng rời bỏ', en: 'Spotting customers who leave' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cx.leaving.1',
            text: {
              vi: 'Những dấu hiệu khách đang rời xa (mua thưa dần, khiếu nại chưa được giải quyết, chấm điểm thấp) được tập hợp lại và theo dõi, chứ không chỉ được nhận ra lẻ tẻ từng việc.',
              en: 'Signs that a customer is drifting away (buying less often, an unresolved complaint, a low score) are brought together and watched, not only noticed one at a time.',
            },
            intention: {
              vi: 'Đã thống nhất các dấu hiệu cảnh báo và ai theo dõi chúng.',
              en: 'The warning signs, and who watches them, are agreed.',
            },
            reality: {
              vi: 'Danh sách khách có nguy cơ, kết hợp dữ liệu mua hàng, yêu cầu hỗ trợ và câu trả lời khảo sát, được kiểm tra hằng tuần, và tỷ lệ khách đang rời đi luôn được nắm rõ.',
              en: 'An at-risk list combining purchases, requests and survey answers is checked every week, and the share of customers slipping away is always known.',
            },
            weight: 1,
            indicators: ['churn_share', 'detractor_follow_up'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu phân khúc khách giá trị có khả năng còn mua thấp và xem lại hằng tuần',
                  en: 'Save a segment of valuable customers whose chance of still buying is low, and look at it every week',
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'cx.leaving.2',
            text: {
              vi: 'Khi một khách rời đi, doanh nghiệp tìm hiểu lý do qua một cuộc gọi ngắn hoặc khảo sát, và ghi lại lý do đó.',
              en: 'When a customer leaves, the business finds out why, through a short call or survey, and records the reason.',
            },
            intention: {
              vi: 'Việc hỏi lý do khách ngừng mua nằm trong kế hoạch và có người chịu trách nhiệm.',
              en: 'Asking lapsed customers why they stopped is part of the plan, and someone is responsible for it.',
            },
            reality: {
              vi: 'Phần lớn khách đã rời đi trong kỳ đều được hỏi, và lý do của họ được tổng hợp mỗi quý.',
              en: 'Most customers who left in the period were asked, and their reasons are summed up every quarter.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo một khảo sát ngắn “Vì sao anh/chị ngừng mua?” và gửi cho khách đã ngừng mua',
                  en: 'Create a short “why did you stop buying?” survey and send it to lapsed customers',
                },
                screen: 'surveys',
              },
            ],
          },
        ],
      },
      {
        key: 'acting_on_feedback',
        name: { vi: 'Hành động theo phản hồi', en: 'Acting on feedback' },
        ownBreakdown: true,
        practices: [
          {
            id: 'cx.acting.1',
            text: {
              vi: 'Mọi câu trả lời không hài lòng (khách không muốn giới thiệu, chấm điểm thấp) đều được liên hệ lại trực tiếp trong vòng một tuần.',
              en: 'Every unhappy answer (a detractor, a low rating) is followed up personally within a week.',
            },
            intention: {
              vi: 'Đã thống nhất ai liên hệ lại, trong bao lâu và được phép đề nghị gì để khắc phục.',
              en: 'Who follows up, how fast, and what they may offer to put things right are agreed.',
            },
            reality: {
              vi: 'Gần như mọi khách không hài lòng đều có yêu cầu theo dõi được xử lý xong trong vòng một tuần.',
              en: 'Nearly every detractor has a follow-up request dealt with within a week.',
            },
            weight: 1,
            indicators: ['detractor_follow_up'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Mỗi ngày xử lý các yêu cầu theo dõi do khảo sát mở ra',
                  en: 'Work through the follow-up requests opened by surveys every day',
                },
                screen: 'tickets',
              },
            ],
          },
          {
            id: 'cx.acting.2',
            text: {
              vi: 'Nguyên nhân của khiếu nại và phản hồi được xem xét hằng tháng; những nguyên nhân chính được khắc phục, và khách hàng lẫn nhân viên được báo những gì đã thay đổi.',
              en: 'The causes behind complaints and feedback are reviewed every month; the main ones are fixed, and customers and staff are told what changed.',
            },
            intention: {
              vi: 'Đã có buổi xem xét hằng tháng đủ quyền quyết định thay đổi, và mỗi việc khắc phục có người chịu trách nhiệm.',
              en: 'A monthly review with the power to decide changes is set up, with an owner for each fix.',
            },
            reality: {
              vi: 'Nguyên nhân gốc được ghi trên các yêu cầu đã giải quyết, các nguyên nhân hàng đầu giảm dần theo thời gian, và điểm đánh giá được cải thiện.',
              en: 'Root causes are recorded on resolved requests, the top causes shrink over time, and the scores improve.',
            },
            weight: 1,
            indicators: ['nps', 'csat'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi nguyên nhân gốc cho mọi khiếu nại đã giải quyết và xem báo cáo chăm sóc hằng tháng',
                  en: 'Record a root cause on every resolved complaint and read the care report every month',
                },
                screen: 'care_reports',
              },
            ],
          },
        ],
      },
    ],
  },
];
