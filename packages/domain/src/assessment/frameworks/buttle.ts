import type { Framework } from '../framework.ts';

/**
 * Buttle's CRM value chain as an assessment: five primary stages and four supporting conditions (docs/models.md §4;
 * organisational structure is folded into people management). The model does not break its stages down, so every
 * sub-component (`ownBreakdown`) and every practice is Kith's own wording.
 */
export const buttle: Framework = {
  key: 'buttle',
  version: 1,
  name: { vi: 'Mô hình chuỗi giá trị CRM (Buttle)', en: 'Buttle’s CRM value chain' },
  description: {
    vi: 'Năm giai đoạn chính biến hiểu biết về khách hàng thành giá trị — phân tích danh mục khách hàng, sự thân thiết với khách hàng, phát triển mạng lưới, phát triển đề xuất giá trị và quản lý mối quan hệ — cùng bốn điều kiện hỗ trợ giữ cho chuỗi vận hành. Bộ khung cho thấy mắt xích nào của chuỗi đang yếu, và điều kiện nào đang cản trở.',
    en: 'Five primary stages that turn customer knowledge into value — customer portfolio analysis, customer intimacy, network development, value proposition development and relationship management — and four supporting conditions that keep the chain working. It shows which link of the chain is weak, and which condition holds it back.',
  },
  source: {
    vi: 'Dựa trên chuỗi giá trị CRM của Francis Buttle, trình bày trong giáo trình CRM của ông từ đầu những năm 2000. Giáo trình tiếng Việt ghi công cho Michael Porter vì mô hình phỏng theo chuỗi giá trị của Porter, nhưng chuỗi giá trị CRM là của Buttle. Buttle nêu năm điều kiện hỗ trợ; Kith gộp cơ cấu tổ chức vào quản lý nhân sự nên còn bốn. “Quy trình thu hút” theo cách hiểu của giáo trình tiếng Việt (biến khách tiềm năng thành người mua); điều kiện gốc của Buttle là quy trình mua sắm, được giữ lại trong một thực hành. Thành phần con và toàn bộ thực hành do Kith tự soạn.',
    en: 'Based on Francis Buttle’s CRM value chain, set out in his CRM textbook from the early 2000s. The Vietnamese course notes credit Michael Porter, whose value chain it adapts, but the CRM value chain is Buttle’s. Buttle lists five supporting conditions; Kith folds organisational structure into people management, leaving four. The “acquisition process” follows the Vietnamese notes’ reading (turning prospects into buyers); Buttle’s own condition is procurement processes, kept as one practice. The sub-components and every practice are Kith’s own.',
  },
  areas: [
    {
      key: 'portfolio_analysis',
      name: { vi: 'Phân tích danh mục khách hàng', en: 'Customer portfolio analysis' },
      summary: {
        vi: 'Biết khách hàng nào mang lại nhiều giá trị nhất, bây giờ và sau này, để dồn nỗ lực và nguồn lực vào đúng chỗ.',
        en: 'Knowing which customers bring the most value, now and later, so effort and resources go where they pay.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'value_ranking',
          name: { vi: 'Xếp hạng theo giá trị', en: 'Ranking by value' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.portfolio.1',
              text: {
                vi: 'Khách hàng được xếp hạng theo giá trị hiện tại và tiềm năng (gần đây, tần suất, số tiền, giá trị vòng đời), và thứ hạng được cập nhật định kỳ.',
                en: 'Customers are ranked by current and potential value (recency, frequency, spend, lifetime value), and the ranking is kept up to date.',
              },
              intention: {
                vi: 'Cách xếp hạng và lịch cập nhật đã được thống nhất và người làm kế hoạch đều biết.',
                en: 'How customers are ranked, and how often, is agreed and known to everyone who plans.',
              },
              reality: {
                vi: 'Gần như mọi khách hàng có điểm tính trong 30 ngày gần nhất, và điểm được dùng khi lập kế hoạch.',
                en: 'Nearly every customer’s score is under 30 days old and is used in planning.',
              },
              weight: 2,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Làm mới điểm RFM và giá trị vòng đời', en: 'Refresh the RFM and lifetime value scores' },
                  screen: 'analytics_rfm',
                },
              ],
            },
            {
              id: 'b.portfolio.2',
              text: {
                vi: 'Doanh nghiệp biết nhóm khách nào đang có lãi và nhóm nào có chi phí phục vụ cao hơn giá trị mang lại.',
                en: 'The business knows which customer groups are profitable and which cost more to serve than they bring.',
              },
              intention: {
                vi: 'Cách ước tính chi phí phục vụ đã được kế toán và quản lý thống nhất.',
                en: 'Accounting and management have agreed how to estimate the cost to serve.',
              },
              reality: {
                vi: 'Chi phí phục vụ được nhập vào CRM, và các nhóm dưới mức hòa vốn được nhận diện và có cách xử lý.',
                en: 'The cost to serve is entered in the CRM, and the groups below break-even are identified and dealt with.',
              },
              weight: 1,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập chi phí phục vụ để xác định nhóm khách dưới mức hòa vốn',
                    en: 'Enter the cost to serve to find the customers below break-even',
                  },
                  screen: 'analytics_settings',
                },
              ],
            },
          ],
        },
        {
          key: 'effort',
          name: { vi: 'Phân bổ nỗ lực', en: 'Allocating effort' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.portfolio.3',
              text: {
                vi: 'Nỗ lực bán hàng và chăm sóc được dồn cho nhóm khách giá trị nhất và nhóm có tiềm năng tăng trưởng, mỗi nhóm có người phụ trách.',
                en: 'Sales and care effort goes to the most valuable customers and to those with growth potential, each group with an owner.',
              },
              intention: {
                vi: 'Đã quyết định nhóm nào được ưu tiên và mức chăm sóc dành cho từng nhóm.',
                en: 'It is decided which groups come first and what level of care each receives.',
              },
              reality: {
                vi: 'Các nhóm ưu tiên là phân khúc đang được dùng, và khách trong đó đều có người phụ trách.',
                en: 'The priority groups are segments in use, and their customers all have an owner.',
              },
              weight: 1,
              indicators: ['segments_in_use', 'owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu nhóm “giá trị nhất” và “tiềm năng tăng trưởng” thành phân khúc và giao người phụ trách',
                    en: 'Save the “most valuable” and “most growable” tiers as segments and assign owners',
                  },
                  screen: 'segments',
                },
              ],
            },
            {
              id: 'b.portfolio.4',
              text: {
                vi: 'Mỗi nhóm khách có mục tiêu riêng (giữ, phát triển hay duy trì) và kết quả được xem lại hằng quý.',
                en: 'Each customer group has its own objective (keep, grow or maintain), and results are reviewed every quarter.',
              },
              intention: {
                vi: 'Mục tiêu của từng nhóm có trong kế hoạch và người phụ trách đã đồng ý.',
                en: 'Each group’s objective is in the plan and its owner has agreed to it.',
              },
              reality: {
                vi: 'Các phân khúc chính đều có chỉ tiêu và buổi xem lại hằng quý dùng số liệu của chúng.',
                en: 'The main segments all have targets, and the quarterly review uses their figures.',
              },
              weight: 1,
              indicators: ['segment_targets'],
              actions: [
                {
                  kind: 'strategic',
                  text: { vi: 'Đặt chỉ tiêu giữ chân và phát triển cho từng phân khúc', en: 'Set retention and growth targets for each segment' },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'customer_intimacy',
      name: { vi: 'Sự thân thiết với khách hàng', en: 'Customer intimacy' },
      summary: {
        vi: 'Hiểu khách hàng thật sâu nhờ tương tác thường xuyên và ghi lại những gì học được sau mỗi lần, để dịch vụ luôn sát nhu cầu.',
        en: 'Knowing customers well through frequent contact and recording what each exchange teaches, so the service keeps close to their needs.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'knowing',
          name: { vi: 'Hiểu từng khách hàng', en: 'Knowing each customer' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.intimacy.1',
              text: {
                vi: 'Hồ sơ khách hàng đủ để hiểu họ: thông tin cá nhân, sở thích, những gì đã mua và nhu cầu đã biết.',
                en: 'Customer records hold enough to understand them: personal details, interests, what they bought and the needs known.',
              },
              intention: {
                vi: 'Đã thống nhất hồ sơ một khách hàng cần có những thông tin gì và ai bổ sung.',
                en: 'It is agreed what a customer record must hold, and who fills it in.',
              },
              reality: {
                vi: 'Các trường then chốt gần như luôn có dữ liệu, và hồ sơ khách quan trọng có sở thích, nhu cầu.',
                en: 'The key fields are almost always filled in, and important customers’ records show interests and needs.',
              },
              weight: 2,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bổ sung sở thích và nhu cầu vào hồ sơ những khách hàng quan trọng',
                    en: 'Add interests and needs to the records of the most important customers',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'b.intimacy.2',
              text: {
                vi: 'Doanh nghiệp hỏi ý kiến khách định kỳ và dùng câu trả lời để điều chỉnh dịch vụ cho sát nhu cầu của họ.',
                en: 'The business asks customers for their views regularly and uses the answers to fit the service to their needs.',
              },
              intention: {
                vi: 'Đã định hỏi ai, hỏi gì, khi nào, và ai chịu trách nhiệm biến câu trả lời thành thay đổi.',
                en: 'It is settled whom to ask, what and when, and who turns the answers into changes.',
              },
              reality: {
                vi: 'Khảo sát có tỷ lệ phản hồi tốt, và có những thay đổi dịch vụ gần đây xuất phát từ ý kiến khách.',
                en: 'Surveys get a good response rate, and recent changes to the service came from customers’ answers.',
              },
              weight: 1,
              indicators: ['survey_response_rate', 'csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Gửi khảo sát ngắn hỏi khách điều họ muốn được phục vụ tốt hơn',
                    en: 'Send a short survey asking customers what they want done better',
                  },
                  screen: 'surveys',
                },
              ],
            },
          ],
        },
        {
          key: 'contact',
          name: { vi: 'Tương tác thường xuyên', en: 'Regular contact' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.intimacy.3',
              text: {
                vi: 'Mỗi khách quan trọng có người phụ trách liên hệ đều đặn, và mỗi lần liên hệ được ghi lại cùng điều học được.',
                en: 'Each important customer has an owner who keeps in touch regularly, and every contact is recorded with what was learnt.',
              },
              intention: {
                vi: 'Tần suất liên hệ cho từng nhóm khách đã được định và người phụ trách đã nhận.',
                en: 'How often each group is contacted is set, and the owners have taken it on.',
              },
              reality: {
                vi: 'Hầu hết khách có người phụ trách, hiếm khách bị bỏ quên, và lịch sử tương tác có ghi chú cụ thể.',
                en: 'Almost every customer has an owner, few are left untouched, and the interaction history has specific notes.',
              },
              weight: 1,
              indicators: ['owner_coverage', 'stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo việc gọi điện hỏi thăm định kỳ cho khách quan trọng',
                    en: 'Create regular check-in calls for the important customers',
                  },
                  screen: 'tasks',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'network_development',
      name: { vi: 'Phát triển mạng lưới', en: 'Network development' },
      summary: {
        vi: 'Nhà cung cấp, đối tác, đại lý, nhà đầu tư và nhân viên cùng làm việc để mang lại trải nghiệm tốt nhất cho khách hàng.',
        en: 'Suppliers, partners, agents, investors and staff working together to give customers the best experience.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'partners',
          name: { vi: 'Đối tác và nhà cung cấp', en: 'Partners and suppliers' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.network.1',
              text: {
                vi: 'Doanh nghiệp biết những đối tác, nhà cung cấp, đại lý nào ảnh hưởng tới trải nghiệm khách hàng và quản lý quan hệ với họ.',
                en: 'The business knows which partners, suppliers and agents affect the customer experience, and manages its relationships with them.',
              },
              intention: {
                vi: 'Danh sách đối tác then chốt và người phụ trách từng đối tác đã được xác định.',
                en: 'The key partners, and who looks after each, have been named.',
              },
              reality: {
                vi: 'Các đối tác then chốt có hồ sơ trong CRM, có người phụ trách và lịch làm việc định kỳ.',
                en: 'The key partners have records in the CRM, an owner and regular meetings.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi các đối tác, nhà cung cấp và đại lý thành công ty trong CRM, có người phụ trách',
                    en: 'Record partners, suppliers and agents as companies in the CRM, each with an owner',
                  },
                  screen: 'companies',
                },
              ],
            },
            {
              id: 'b.network.2',
              text: {
                vi: 'Đối tác nhận được thông tin khách hàng họ cần (đơn hàng, địa chỉ giao, yêu cầu riêng) qua kênh đã thống nhất và có kiểm soát.',
                en: 'Partners get the customer information they need (orders, delivery address, special requests) through an agreed, controlled channel.',
              },
              intention: {
                vi: 'Đã thống nhất với đối tác chia sẻ thông tin gì, bằng cách nào và ai được truy cập.',
                en: 'What is shared with partners, how, and who may access it has been agreed with them.',
              },
              reality: {
                vi: 'Thông tin đi qua kênh đã định chứ không qua tin nhắn, tệp gửi tay, và không có sự cố do đối tác thiếu thông tin.',
                en: 'Information goes through the agreed channel, not hand-sent messages or files, and no incident arises from a partner lacking it.',
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
            {
              id: 'b.network.3',
              text: {
                vi: 'Doanh nghiệp cùng đối tác theo dõi và cải thiện chất lượng phục vụ khách (giao đúng hẹn, lắp đặt, bảo hành), và khiếu nại do đối tác được theo dõi riêng.',
                en: 'The business and its partners follow and improve the service customers get (on-time delivery, installation, warranty), and complaints caused by partners are tracked separately.',
              },
              intention: {
                vi: 'Tiêu chuẩn phục vụ với từng đối tác đã được thống nhất và ghi lại.',
                en: 'Service standards have been agreed with each partner and written down.',
              },
              reality: {
                vi: 'Khiếu nại do đối tác được phân loại riêng, giải quyết nhanh, và được đem ra bàn với đối tác định kỳ.',
                en: 'Partner-caused complaints have their own category, are resolved quickly and are discussed with the partner regularly.',
              },
              weight: 1,
              indicators: ['complaint_resolution_time'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm loại yêu cầu hỗ trợ “giao hàng, đối tác” để theo dõi khiếu nại do đối tác',
                    en: 'Add a “delivery and partners” ticket category to track partner-caused complaints',
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
      key: 'value_proposition',
      name: { vi: 'Phát triển đề xuất giá trị', en: 'Value proposition development' },
      summary: {
        vi: 'Từ những gì đã biết về khách hàng, tạo thêm giá trị cho họ: dịch vụ cá nhân hóa, ưu đãi phù hợp, và ít tốn kém, ít công sức hơn.',
        en: 'From what is known about customers, creating more value for them: personal service, fitting offers, and less cost and effort on their side.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'offer',
          name: { vi: 'Đề xuất cho từng nhóm', en: 'A proposition per group' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.proposition.1',
              text: {
                vi: 'Mỗi nhóm khách có đề xuất giá trị riêng, xây từ những gì đã học được về giá trị, nhu cầu của họ và những gì đối tác có thể góp vào.',
                en: 'Each customer group has its own value proposition, built from what was learnt of its value and needs and what partners can add.',
              },
              intention: {
                vi: 'Đề xuất giá trị của từng nhóm được viết ra và đội bán hàng, chăm sóc đã nắm.',
                en: 'Each group’s proposition is written down and known to the sales and service teams.',
              },
              reality: {
                vi: 'Lời chào hàng, ưu đãi và kịch bản chăm sóc của từng nhóm đều thể hiện đúng đề xuất đó.',
                en: 'Each group’s pitch, offers and care playbook all carry that proposition.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Viết đề xuất giá trị cho từng phân khúc và đưa vào kịch bản chăm sóc của phân khúc đó',
                    en: 'Write a value proposition for each segment and build it into that segment’s playbook',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'b.proposition.2',
              text: {
                vi: 'Khách trung thành nhận được giá trị tăng dần theo thời gian: điểm thưởng, hạng thành viên, ưu tiên phục vụ.',
                en: 'Loyal customers get more value over time: points, membership tiers, priority service.',
              },
              intention: {
                vi: 'Quyền lợi của từng hạng khách hàng đã được thiết kế, có ngân sách và được công bố.',
                en: 'The benefits of each customer tier are designed, budgeted and announced.',
              },
              reality: {
                vi: 'Chương trình chạy trên mọi đơn hàng, khách biết hạng của mình, và tỷ lệ mua lại đang tăng.',
                en: 'The programme runs on every order, customers know their tier, and the repeat rate is rising.',
              },
              weight: 1,
              indicators: ['repeat_purchase_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Bật điểm thưởng và hạng thành viên', en: 'Turn on points and membership tiers' },
                  screen: 'settings_loyalty',
                },
              ],
            },
          ],
        },
        {
          key: 'personalisation',
          name: { vi: 'Cá nhân hóa và giảm công sức cho khách', en: 'Personalisation and less effort for customers' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.proposition.3',
              text: {
                vi: 'Sản phẩm, lời khuyên và ưu đãi được cá nhân hóa theo những gì khách đã mua và quan tâm, ví dụ gợi ý sản phẩm mua kèm.',
                en: 'Products, advice and offers are personalised to what customers bought and care about, for example suggesting what goes with it.',
              },
              intention: {
                vi: 'Đã định cách dùng lịch sử mua và sở thích của khách để gợi ý, và nhân viên được hướng dẫn.',
                en: 'It is settled how purchase history and interests are used to make suggestions, and staff are shown how.',
              },
              reality: {
                vi: 'Nhân viên gợi ý dựa trên nhu cầu ghi trong CRM, và khách mua ở nhiều nhóm hàng hơn.',
                en: 'Staff suggest from the needs recorded in the CRM, and customers buy across more categories.',
              },
              weight: 1,
              indicators: ['cross_sell_rate', 'categories_per_customer'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Dùng phần nhu cầu trên trang khách hàng để gợi ý sản phẩm mua kèm',
                    en: 'Use the needs panel on the customer page to suggest products that go together',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'b.proposition.4',
              text: {
                vi: 'Doanh nghiệp giảm chi phí và công sức khách phải bỏ ra (thời gian chờ, thủ tục, đi lại) như một phần của giá trị mang lại.',
                en: 'The business cuts the cost and effort customers spend (waiting, paperwork, travel) as part of the value it brings.',
              },
              intention: {
                vi: 'Những điểm khách tốn công nhất đã được xác định và có kế hoạch cải thiện.',
                en: 'The points where customers spend most effort are identified and there is a plan to improve them.',
              },
              reality: {
                vi: 'Điểm nỗ lực của khách (CES) được đo đều đặn và đang giảm.',
                en: 'The customer effort score is measured routinely and is falling.',
              },
              weight: 1,
              indicators: ['ces'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm câu hỏi mức độ nỗ lực (CES) vào khảo sát sau mua và sau hỗ trợ',
                    en: 'Add a customer effort (CES) question to the after-purchase and after-support surveys',
                  },
                  screen: 'surveys',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'relationship_management',
      name: { vi: 'Quản lý mối quan hệ', en: 'Relationship management' },
      summary: {
        vi: 'Giữ chân và phát triển khách qua suốt vòng đời, tìm những điểm cần cải thiện và thực sự cải thiện chúng.',
        en: 'Keeping and growing customers through their lifecycle, finding what needs improving and actually improving it.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'lifecycle',
          name: { vi: 'Giữ chân và phát triển khách hàng', en: 'Keeping and growing customers' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.relationship.1',
              text: {
                vi: 'Khách mới được chăm sóc theo kịch bản ngay từ lần mua đầu (cảm ơn, hỏi thăm, nhắc mua lại) để trở thành khách quay lại.',
                en: 'New customers are cared for by a playbook from their first purchase (thanks, a check-in call, a repurchase reminder) so they come back.',
              },
              intention: {
                vi: 'Kịch bản cho khách mới đã được viết ra, duyệt và giao người thực hiện.',
                en: 'The new-customer playbook is written, approved and assigned.',
              },
              reality: {
                vi: 'Gần như mọi khách mới đều vào kịch bản, và tỷ lệ mua lại đang tăng.',
                en: 'Nearly every new customer is enrolled in it, and the repeat-purchase rate is rising.',
              },
              weight: 2,
              indicators: ['playbook_coverage_new', 'repeat_purchase_rate'],
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
              id: 'b.relationship.2',
              text: {
                vi: 'Khách có dấu hiệu rời bỏ được phát hiện sớm và được chủ động liên hệ để giữ chân hoặc kéo lại.',
                en: 'Customers showing signs of leaving are spotted early and contacted to keep them or win them back.',
              },
              intention: {
                vi: 'Dấu hiệu rời bỏ, người liên hệ và việc cần làm đã được quy định.',
                en: 'The signs of leaving, who makes contact and what to do are settled.',
              },
              reality: {
                vi: 'Khách có nguy cơ được liên hệ đều đặn, và một số khách đã rời bỏ quay lại mua.',
                en: 'At-risk customers are contacted routinely, and some lapsed customers have bought again.',
              },
              weight: 1,
              indicators: ['churn_share', 'win_back_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo kịch bản chăm sóc cho phân khúc “có nguy cơ rời bỏ”',
                    en: 'Create a care playbook for the “at risk” segment',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
        {
          key: 'improvement',
          name: { vi: 'Tìm và cải tiến điểm yếu', en: 'Finding and fixing weak points' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.relationship.3',
              text: {
                vi: 'Khiếu nại và ý kiến chê được xử lý nhanh, khách chê được gọi lại, và nguyên nhân được dùng để sửa cách làm.',
                en: 'Complaints and negative feedback are dealt with quickly, detractors are called back, and the causes are used to fix how things are done.',
              },
              intention: {
                vi: 'Quy trình xử lý khiếu nại và gọi lại khách chê đã được viết ra và phổ biến.',
                en: 'The process for complaints and for calling back detractors is written down and shared.',
              },
              reality: {
                vi: 'Khiếu nại được giải quyết nhanh, gần như mọi khách chê được liên hệ trong tuần, và nguyên nhân được tổng hợp mỗi tháng.',
                en: 'Complaints are resolved quickly, nearly every detractor is contacted within the week, and the causes are reviewed monthly.',
              },
              weight: 1,
              indicators: ['complaint_resolution_time', 'detractor_follow_up'],
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
            {
              id: 'b.relationship.4',
              text: {
                vi: 'Cách doanh nghiệp quản lý quan hệ khách hàng được xem lại định kỳ để tìm điểm yếu, và các cải tiến được thực hiện tới cùng.',
                en: 'The way the business manages customer relationships is reviewed regularly to find weak points, and the improvements are seen through.',
              },
              intention: {
                vi: 'Có lịch đánh giá định kỳ và người chịu trách nhiệm theo dõi các cải tiến.',
                en: 'There is a regular review and someone who follows the improvements through.',
              },
              reality: {
                vi: 'Đã có ít nhất hai lần đánh giá, và điểm của các thực hành yếu ở lần trước đã tăng.',
                en: 'There have been at least two assessments, and the weak practices of the last one have improved.',
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
      key: 'leadership_culture',
      name: { vi: 'Lãnh đạo và văn hóa', en: 'Leadership and culture' },
      summary: {
        vi: 'Lãnh đạo đặt ra tiêu chuẩn phục vụ khách hàng và làm gương; văn hóa doanh nghiệp quyết định các bộ phận có cùng làm việc vì khách hay không.',
        en: 'The leaders set the standards of customer service and lead by example; the culture decides whether departments work together for customers.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'standards_culture',
          name: { vi: 'Tiêu chuẩn và văn hóa phục vụ', en: 'Service standards and culture' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.leadership.1',
              text: {
                vi: 'Lãnh đạo đặt ra tiêu chuẩn phục vụ khách hàng rõ ràng (thời gian trả lời, cách xử lý khiếu nại) và chính họ làm đúng như vậy.',
                en: 'The leaders set clear standards of customer service (response times, how complaints are handled) and keep to them themselves.',
              },
              intention: {
                vi: 'Tiêu chuẩn phục vụ đã được viết ra, lãnh đạo cam kết và công bố cho mọi nhân viên.',
                en: 'The service standards are written down, committed to by the leadership and announced to all staff.',
              },
              reality: {
                vi: 'Nhân viên nói lại được tiêu chuẩn, và lãnh đạo trực tiếp xem xét những lần tiêu chuẩn bị vi phạm.',
                en: 'Staff can restate the standards, and the leaders look into the times they were broken themselves.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Viết tiêu chuẩn phục vụ khách hàng và đặt chúng thành chính sách SLA',
                    en: 'Write the customer service standards and make them the SLA policies',
                  },
                  screen: 'settings_care',
                },
              ],
            },
            {
              id: 'b.leadership.2',
              text: {
                vi: 'Văn hóa lấy khách hàng làm trung tâm: các bộ phận hợp tác vì khách thay vì đùn đẩy, và quyết định nào cũng hỏi “khách hàng được gì?”.',
                en: 'A customer-centred culture: departments work together for customers instead of passing the buck, and every decision asks “what does the customer get?”.',
              },
              intention: {
                vi: 'Lãnh đạo đã nói rõ hành vi mong muốn và cách ghi nhận những ai làm theo.',
                en: 'The leaders have spelt out the behaviour they expect and how those who show it are recognised.',
              },
              reality: {
                vi: 'Phản hồi của khách được chia sẻ với toàn công ty mỗi tháng, và có những câu chuyện cụ thể về các bộ phận cùng giải quyết vấn đề cho khách.',
                en: 'Customer feedback is shared with the whole company every month, and there are real stories of departments solving customers’ problems together.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Chia sẻ kết quả khảo sát và lời khách khen, chê với toàn công ty mỗi tháng',
                    en: 'Share the survey results and customers’ praise and complaints with the whole company every month',
                  },
                  screen: 'survey_results',
                },
              ],
            },
            {
              id: 'b.leadership.3',
              text: {
                vi: 'Nhân viên được trao quyền giải quyết vấn đề của khách trong giới hạn rõ ràng mà không phải chờ xin phép.',
                en: 'Staff are empowered to solve customers’ problems within clear limits without waiting for permission.',
              },
              intention: {
                vi: 'Giới hạn quyền quyết định của từng vị trí (đổi trả, bồi thường, giảm giá) đã được công bố.',
                en: 'Each position’s limits of authority (returns, compensation, discounts) have been announced.',
              },
              reality: {
                vi: 'Phần lớn vấn đề được giải quyết ngay ở người tiếp nhận, không phải chuyển lên cấp trên.',
                en: 'Most problems are solved by whoever takes them, without going up the line.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Cho nhân viên chăm sóc khách hàng quyền xử lý trọn yêu cầu hỗ trợ của mình',
                    en: 'Give service staff the rights to handle their own tickets through to the end',
                  },
                  screen: 'settings_roles',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'acquisition_process',
      name: { vi: 'Quy trình thu hút', en: 'Acquisition process' },
      summary: {
        vi: 'Một quy trình gọn gàng biến khách tiềm năng thành người mua thực sự, và việc mua đầu vào (nhà cung cấp, dịch vụ) phục vụ khách hàng.',
        en: 'A tight process that turns prospects into real buyers, and buying inputs (suppliers, services) that serve customers.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'prospects',
          name: { vi: 'Biến khách tiềm năng thành người mua', en: 'Turning prospects into buyers' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.acquisition.1',
              text: {
                vi: 'Khách tiềm năng từ mọi nguồn đều được ghi nhận, có người phụ trách và đi theo các bước rõ ràng tới lần mua đầu.',
                en: 'Prospects from every source are recorded, given an owner and taken through clear steps to their first purchase.',
              },
              intention: {
                vi: 'Các bước từ khách tiềm năng tới người mua đã được định nghĩa và đội bán hàng đồng ý.',
                en: 'The steps from prospect to buyer are defined and the sales team agrees with them.',
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
                  text: { vi: 'Định nghĩa các giai đoạn từ khách tiềm năng tới chốt đơn', en: 'Define the stages from prospect to closed sale' },
                  screen: 'settings_pipelines',
                },
              ],
            },
            {
              id: 'b.acquisition.2',
              text: {
                vi: 'Doanh nghiệp biết nguồn và kênh nào mang lại khách mới tốt nhất, cả về số lượng lẫn giá trị, và dồn nỗ lực vào đó.',
                en: 'The business knows which sources and channels bring the best new customers, in number and in value, and puts its effort there.',
              },
              intention: {
                vi: 'Đã quy định ghi nguồn cho mọi khách mới và xem lại hiệu quả từng nguồn định kỳ.',
                en: 'Every new customer’s source must be recorded, and each source’s results are reviewed regularly.',
              },
              reality: {
                vi: 'Khách mới theo nguồn được xem hằng tháng, và ngân sách thu hút đã chuyển sang những nguồn tốt nhất.',
                en: 'New customers by source are reviewed monthly, and the acquisition budget has moved to the best sources.',
              },
              weight: 1,
              indicators: ['new_customers_per_month'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem khách hàng mới theo nguồn và theo kênh', en: 'View new customers by source and by channel' },
                  screen: 'analytics_customers',
                },
              ],
            },
          ],
        },
        {
          key: 'procurement',
          name: { vi: 'Mua sắm đầu vào', en: 'Procurement' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.acquisition.3',
              text: {
                vi: 'Nhà cung cấp và dịch vụ thuê ngoài (vận chuyển, tổng đài, phần mềm) được chọn và đánh giá cả theo ảnh hưởng tới khách hàng, không chỉ theo giá.',
                en: 'Suppliers and outsourced services (delivery, call centre, software) are chosen and reviewed for their effect on customers, not on price alone.',
              },
              intention: {
                vi: 'Tiêu chí chọn nhà cung cấp có nội dung về chất lượng phục vụ khách hàng, đã được duyệt.',
                en: 'The criteria for choosing suppliers include the quality of service to customers, and are approved.',
              },
              reality: {
                vi: 'Các nhà cung cấp chính được đánh giá định kỳ theo khiếu nại của khách liên quan tới họ.',
                en: 'The main suppliers are reviewed regularly against the customer complaints that involve them.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Ghi nhà cung cấp vào CRM và đánh giá họ theo khiếu nại của khách mỗi quý',
                    en: 'Record suppliers in the CRM and review them each quarter against customer complaints',
                  },
                  screen: 'companies',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'people_management',
      name: { vi: 'Quản lý nhân sự và cơ cấu tổ chức', en: 'People management and organisational structure' },
      summary: {
        vi: 'Một đội ngũ vững vàng — được tuyển chọn, đào tạo, khen thưởng đúng — trong một cơ cấu nói rõ ai chịu trách nhiệm việc gì và báo cáo cho ai.',
        en: 'A strong team — rightly recruited, trained and rewarded — in a structure that says who answers for what and reports to whom.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'structure',
          name: { vi: 'Cơ cấu và trách nhiệm', en: 'Structure and responsibilities' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.people.1',
              text: {
                vi: 'Rõ ai chịu trách nhiệm từng hoạt động với khách hàng (bán hàng, chăm sóc, xử lý khiếu nại) và báo cáo cho ai.',
                en: 'It is clear who answers for each customer activity (selling, care, complaints) and to whom they report.',
              },
              intention: {
                vi: 'Sơ đồ trách nhiệm và báo cáo đã được vẽ ra và phổ biến.',
                en: 'The chart of responsibilities and reporting lines is drawn up and shared.',
              },
              reality: {
                vi: 'Mọi nhân viên thuộc một nhóm có trưởng nhóm, và hầu hết khách hàng có người phụ trách.',
                en: 'Every employee belongs to a team with a lead, and almost every customer has an owner.',
              },
              weight: 2,
              indicators: ['owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Lập các nhóm bán hàng, chăm sóc và chỉ định trưởng nhóm', en: 'Set up the sales and service teams and name their leads' },
                  screen: 'settings_teams',
                },
              ],
            },
          ],
        },
        {
          key: 'team',
          name: { vi: 'Đào tạo, khối lượng việc và khen thưởng', en: 'Training, workload and rewards' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.people.2',
              text: {
                vi: 'Nhân viên tiếp xúc khách được tuyển chọn, đào tạo và có KPI theo kỹ năng phục vụ khách hàng.',
                en: 'Customer-facing staff are recruited, trained and given KPIs for their customer service skills.',
              },
              intention: {
                vi: 'Yêu cầu công việc, kế hoạch đào tạo và KPI cho từng vị trí đã được viết ra.',
                en: 'The job requirements, training plan and KPIs for each position are written down.',
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
              id: 'b.people.3',
              text: {
                vi: 'Khối lượng công việc được chia hợp lý, có người hỗ trợ lúc cao điểm, và cơ chế thưởng phạt minh bạch.',
                en: 'The workload is shared fairly, there is help at peak times, and rewards and penalties are transparent.',
              },
              intention: {
                vi: 'Cách chia việc, phương án cho lúc cao điểm và cơ chế thưởng phạt đã được công bố.',
                en: 'How work is shared, the plan for peak times and the reward and penalty scheme are announced.',
              },
              reality: {
                vi: 'Yêu cầu và khách hàng được chia đều giữa mọi người, và thưởng phạt tính theo số liệu ai cũng xem được.',
                en: 'Requests and customers are spread evenly across people, and rewards follow figures everyone can see.',
              },
              weight: 1,
              indicators: ['workload_balance'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem yêu cầu hỗ trợ đang mở theo nhân viên và chia lại cho đều',
                    en: 'Look at open tickets by agent and rebalance them',
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
      key: 'data_it_management',
      name: { vi: 'Quản lý dữ liệu và CNTT', en: 'Data and IT management' },
      summary: {
        vi: 'CRM dựa vào dữ liệu, nên dữ liệu phải đầy đủ, sạch và được kiểm soát chặt: bảo mật, phân quyền truy cập, sao lưu.',
        en: 'CRM runs on data, so the data must be complete, clean and tightly controlled: security, access rights, backups.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'data_quality',
          name: { vi: 'Chất lượng dữ liệu', en: 'Data quality' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.data.1',
              text: {
                vi: 'Dữ liệu khách hàng đầy đủ, không trùng lặp và được cập nhật: trường then chốt có dữ liệu, bản trùng được gộp, hồ sơ cũ được rà soát.',
                en: 'Customer data is complete, free of duplicates and current: key fields filled in, duplicates merged, old records reviewed.',
              },
              intention: {
                vi: 'Có người chịu trách nhiệm chất lượng dữ liệu và lịch rà soát cố định.',
                en: 'Someone is responsible for data quality, with a fixed review schedule.',
              },
              reality: {
                vi: 'Các trường then chốt gần như luôn có dữ liệu, danh sách trùng chờ xử lý ngắn, và ít hồ sơ bị bỏ quên quá một năm.',
                en: 'The key fields are almost always filled in, the duplicates queue is short, and few records lie untouched for over a year.',
              },
              weight: 2,
              indicators: ['field_completeness', 'duplicates_waiting', 'stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem và gộp các hồ sơ trùng đang chờ', en: 'Review and merge the duplicates waiting' },
                  screen: 'duplicates',
                },
              ],
            },
          ],
        },
        {
          key: 'security',
          name: { vi: 'Bảo mật và phân quyền', en: 'Security and access rights' },
          ownBreakdown: true,
          practices: [
            {
              id: 'b.data.2',
              text: {
                vi: 'Quyền truy cập theo vai trò: mỗi người chỉ xem, sửa, xuất được dữ liệu công việc mình cần, và người nghỉ việc bị thu hồi quyền ngay.',
                en: 'Access follows roles: each person sees, edits and exports only the data their work needs, and leavers lose access at once.',
              },
              intention: {
                vi: 'Quy định về vai trò, phạm vi dữ liệu và thu hồi quyền đã được viết ra và duyệt.',
                en: 'The rules on roles, data scope and removing access are written down and approved.',
              },
              reality: {
                vi: 'Vai trò của từng thành viên khớp với công việc, được rà soát định kỳ, và không còn tài khoản của người đã nghỉ.',
                en: 'Every member’s role matches their job and is reviewed regularly, and no leaver still has an account.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Rà soát vai trò và phạm vi dữ liệu của từng thành viên', en: 'Review each member’s role and data scope' },
                  screen: 'settings_roles',
                },
              ],
            },
            {
              id: 'b.data.3',
              text: {
                vi: 'Sự đồng ý nhận tin của khách được ghi nhận, và dữ liệu được sao lưu định kỳ, đã thử khôi phục.',
                en: 'Customers’ consent to messages is recorded, and the data is backed up on a schedule, with a restore tried.',
              },
              intention: {
                vi: 'Có quy định về ghi nhận đồng ý và người chịu trách nhiệm sao lưu.',
                en: 'There are rules on recording consent and someone responsible for backups.',
              },
              reality: {
                vi: 'Phần lớn khách có ghi nhận đồng ý hoặc từ chối, bản sao lưu gần nhất không quá một ngày và lần thử khôi phục gần đây thành công.',
                en: 'Most customers have a recorded consent or refusal, the latest backup is under a day old and the last restore test succeeded.',
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
      ],
    },
  ],
};
