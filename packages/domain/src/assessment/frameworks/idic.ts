import type { Framework } from '../framework.ts';

/**
 * IDIC (Peppers and Rogers): identify, differentiate, interact, customise. The four steps and the two bases of
 * differentiation (value, needs) are the model's; the sub-components of identify, interact and customise, and every
 * practice, are Kith's own wording (docs/models.md §2 says where each step lives in Kith).
 */
export const idic: Framework = {
  key: 'idic',
  version: 1,
  name: { vi: 'Mô hình IDIC (Peppers và Rogers)', en: 'IDIC model (Peppers and Rogers)' },
  description: {
    vi: 'Bốn bước để xây dựng quan hệ lâu dài, một-một với từng khách hàng: nhận diện từng người, phân biệt họ theo giá trị và nhu cầu, tương tác thường xuyên và ghi lại điều học được, rồi cá biệt hóa cách phục vụ. Mỗi thực hành được chấm trên hai thang Ý định và Thực tế; phần Thực tế được đối chiếu với số liệu trong Kith.',
    en: 'Four steps to a lasting one-to-one relationship with each customer: identify each one, differentiate them by value and by needs, interact often and record what is learnt, then customise how each is served. Each practice is scored on Intention and Reality; Reality is checked against the figures in Kith.',
  },
  source: {
    vi: 'Mô hình IDIC của Don Peppers và Martha Rogers (Peppers & Rogers Group), như được trình bày trong các bài viết tiếng Việt về mô hình CRM. Bốn bước và hai cơ sở phân biệt khách hàng (giá trị, nhu cầu) là của mô hình; các hạng mục con của bước nhận diện, tương tác và cá biệt hóa, mọi thực hành, mô tả mức 4 và hành động đề xuất do Kith tự viết.',
    en: 'The IDIC model of Don Peppers and Martha Rogers (Peppers & Rogers Group), as presented in the Vietnamese articles on CRM models. The four steps and the two bases of differentiation (value, needs) are the model’s; the sub-components of identify, interact and customise, every practice, the level-4 descriptions and the recommended actions are Kith’s own wording.',
  },
  areas: [
    {
      key: 'identify',
      name: { vi: 'Nhận diện khách hàng', en: 'Identify' },
      summary: {
        vi: 'Biết rõ từng khách hàng là ai: mỗi người một hồ sơ, có thông tin liên lạc và chân dung, cùng toàn bộ lịch sử mua hàng và tương tác.',
        en: 'Know who each customer is: one record per person, with contact details and a portrait, and the whole history of purchases and contacts.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'records',
          name: { vi: 'Mỗi khách hàng một hồ sơ', en: 'One record per customer' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.identify.1',
              text: {
                vi: 'Mọi khách đã mua hoặc đã hỏi hàng đều có một hồ sơ trong hệ thống chung, có tên và ít nhất một cách liên lạc (điện thoại, Zalo, email), được tạo ngay ở lần tiếp xúc đầu tiên, dù ai tiếp nhận.',
                en: 'Every customer who has bought or enquired has one record in the shared system, with a name and at least one way to reach them (phone, Zalo, email), created at the first contact, whoever takes it.',
              },
              intention: {
                vi: 'Quy định “khách nào cũng phải có hồ sơ trong hệ thống” đã được công bố, mọi nhân viên bán hàng và chăm sóc đều biết và đồng ý.',
                en: 'The rule “every customer has a record in the system” is announced, and every sales and care employee knows and accepts it.',
              },
              reality: {
                vi: 'Không còn danh sách khách nào nằm riêng trong sổ tay, điện thoại hay file Excel; gần như hồ sơ nào cũng có cách liên lạc.',
                en: 'No customer list lives apart in notebooks, phones or spreadsheets; almost every record has a way to reach the customer.',
              },
              weight: 2,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập vào Kith các danh sách khách đang nằm trong Excel, sổ sách hay phần mềm bán hàng cũ.',
                    en: 'Import into Kith the customer lists kept in spreadsheets, notebooks or the old sales software.',
                  },
                  screen: 'imports',
                },
              ],
            },
            {
              id: 'idic.identify.2',
              text: {
                vi: 'Khách bị trùng (cùng số điện thoại hoặc email nhưng nằm ở hai hồ sơ) được phát hiện và gộp ít nhất mỗi tuần, để một người không bao giờ hiện ra thành hai.',
                en: 'Duplicate customers (the same phone or email on two records) are found and merged at least weekly, so one person never shows up as two.',
              },
              intention: {
                vi: 'Đã giao cho một người cụ thể rà soát trùng lặp hằng tuần, và cách gộp hồ sơ đã được thống nhất.',
                en: 'One named person reviews duplicates every week, and how records are merged is agreed.',
              },
              reality: {
                vi: 'Danh sách nghi trùng gần như luôn trống; hồ sơ trùng mới xuất hiện được gộp trong vòng một tuần.',
                en: 'The list of suspected duplicates is almost always empty; new duplicates are merged within a week.',
              },
              weight: 1,
              indicators: ['duplicates_waiting'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem các cặp hồ sơ nghi trùng đang chờ và gộp chúng.', en: 'Review the duplicate candidates waiting and merge them.' },
                  screen: 'duplicates',
                },
              ],
            },
          ],
        },
        {
          key: 'portrait',
          name: { vi: 'Chân dung khách hàng', en: 'Customer portrait' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.identify.3',
              text: {
                vi: 'Doanh nghiệp đã chọn những thông tin chân dung cần cho việc bán hàng (ví dụ ngày sinh, tỉnh thành, sở thích với khách lẻ; công ty, chức vụ, quy mô với khách doanh nghiệp), và các thông tin này được điền cho phần lớn khách hàng.',
                en: 'The business has chosen the portrait details it needs in order to sell (for instance birthday, province and interests for consumers; company, job title and size for business buyers), and they are filled in for most customers.',
              },
              intention: {
                vi: 'Danh sách thông tin cần thu thập đã được chốt, mỗi mục có lý do, và nhân viên biết khi nào phải hỏi khách.',
                en: 'The list of details to collect is settled, each with its reason, and staff know when to ask for them.',
              },
              reality: {
                vi: 'Các trường đã chọn được điền cho gần như mọi khách hàng, kể cả khách mới trong tháng.',
                en: 'The chosen fields are filled in for nearly every customer, this month’s new ones included.',
              },
              weight: 1,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm vào hồ sơ khách hàng các trường riêng mà doanh nghiệp cần.',
                    en: 'Add the custom fields your business needs to the customer record.',
                  },
                  screen: 'settings_fields',
                },
              ],
            },
            {
              id: 'idic.identify.4',
              text: {
                vi: 'Hồ sơ được giữ cập nhật: thông tin liên lạc được kiểm tra lại mỗi khi khách liên hệ, và những hồ sơ không có hoạt động nào trong một năm được rà soát định kỳ.',
                en: 'Records are kept up to date: contact details are checked whenever the customer gets in touch, and records with no activity for a year are reviewed regularly.',
              },
              intention: {
                vi: 'Đã có lịch rà soát hồ sơ cũ (ví dụ mỗi quý) và người chịu trách nhiệm.',
                en: 'There is a schedule for reviewing old records (each quarter, say) and someone responsible for it.',
              },
              reality: {
                vi: 'Tỷ lệ hồ sơ không được động tới trong một năm thấp và không tăng; hồ sơ sai được sửa hoặc đánh dấu là đã mất.',
                en: 'The share of records untouched for a year is low and not growing; wrong records are corrected or marked as lost.',
              },
              weight: 1,
              indicators: ['stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu một phân khúc “không liên hệ trong 12 tháng” và rà soát nó mỗi quý.',
                    en: 'Save a segment of customers not contacted for 12 months and review it each quarter.',
                  },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
        {
          key: 'history',
          name: { vi: 'Lịch sử mua hàng và tương tác', en: 'History of purchases and contacts' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.identify.5',
              text: {
                vi: 'Mọi đơn hàng — tại cửa hàng, trên sàn thương mại điện tử, hóa đơn cho khách doanh nghiệp — đều có trong hệ thống và gắn với đúng khách hàng, được cập nhật ít nhất mỗi tuần.',
                en: 'Every order — in the shop, on marketplaces, invoiced to business customers — is in the system and linked to the right customer, brought up to date at least weekly.',
              },
              intention: {
                vi: 'Đã quyết định nguồn đơn hàng nào được đưa vào hệ thống, ai làm và bao lâu một lần.',
                en: 'It is decided which order sources go into the system, who brings them in and how often.',
              },
              reality: {
                vi: 'Doanh thu trong hệ thống khớp với sổ sách kế toán; rất ít dòng bị từ chối khi nhập đơn hàng.',
                en: 'Revenue in the system matches the accounts; few rows are refused when orders are imported.',
              },
              weight: 2,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập lịch sử đơn hàng từ phần mềm bán hàng, rồi lặp lại việc nhập mỗi tuần.',
                    en: 'Import the order history from the sales software, then repeat the import every week.',
                  },
                  screen: 'imports',
                },
              ],
            },
            {
              id: 'idic.identify.6',
              text: {
                vi: 'Các cuộc gọi, tin nhắn Zalo, cuộc gặp và lần ghé thăm đáng kể được ghi vào dòng thời gian của khách ngay trong ngày.',
                en: 'Calls, Zalo chats, meetings and visits that matter are logged on the customer’s timeline the same day.',
              },
              intention: {
                vi: 'Đã thống nhất loại tương tác nào phải ghi và ghi những gì (chẳng hạn một dòng: khách cần gì, bước tiếp theo là gì).',
                en: 'It is agreed which contacts must be logged and what to write (one line, say: what the customer needs, what happens next).',
              },
              reality: {
                vi: 'Mở hồ sơ của bất kỳ khách đang giao dịch nào cũng thấy các lần liên hệ gần đây, do chính những người đã liên hệ ghi lại.',
                en: 'Any active customer’s record shows the recent contacts, logged by the people who had them.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi tương tác ngay trên trang khách hàng, hoặc nhập nhật ký cuộc gọi từ tổng đài.',
                    en: 'Log contacts on the customer page, or import the call log from the phone system.',
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
      key: 'differentiate',
      name: { vi: 'Phân biệt khách hàng', en: 'Differentiate' },
      summary: {
        vi: 'Xếp hạng khách hàng theo giá trị họ mang lại, hôm nay và về sau, và phân biệt nhu cầu của họ, để chi phí, nhân sự và thời gian dồn vào nơi xứng đáng nhất.',
        en: 'Rank customers by the value they bring, now and later, and tell their needs apart, so money, people and time go where they pay most.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'value',
          name: { vi: 'Theo giá trị', en: 'By value' },
          practices: [
            {
              id: 'idic.differentiate.1',
              text: {
                vi: 'Khách hàng được xếp hạng theo giá trị tính từ đơn hàng (điểm RFM, giá trị trọn đời), làm mới ít nhất mỗi tháng, chứ không theo cảm nhận của nhân viên.',
                en: 'Customers are ranked by value computed from their orders (RFM scores, lifetime value), refreshed at least monthly, not by how staff feel about them.',
              },
              intention: {
                vi: 'Lãnh đạo đã chọn cách đo giá trị khách hàng và ngưỡng của từng hạng, và đã giải thích cho đội bán hàng.',
                en: 'The leadership has chosen how customer value is measured and the thresholds of each tier, and explained them to the sales team.',
              },
              reality: {
                vi: 'Gần như mọi khách có đơn hàng đều có điểm được tính trong 30 ngày qua, và nhân viên dùng hạng giá trị trong công việc hằng ngày.',
                en: 'Almost every customer with orders has scores computed in the last 30 days, and staff use the value tier in their daily work.',
              },
              weight: 2,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Chỉnh lưới RFM và ngưỡng hạng giá trị cho hợp với ngành hàng, rồi tính lại điểm.',
                    en: 'Fit the RFM grid and the value-tier thresholds to your trade, then refresh the scores.',
                  },
                  screen: 'analytics_settings',
                },
              ],
            },
            {
              id: 'idic.differentiate.2',
              text: {
                vi: 'Doanh nghiệp nhìn cả giá trị tương lai: giá trị trọn đời dự báo và xác suất khách còn mua (P(alive)) cho thấy ai sẽ lớn lên và ai đang rời đi.',
                en: 'The business looks at future value too: predicted lifetime value and the chance a customer is still buying (P(alive)) show who will grow and who is slipping away.',
              },
              intention: {
                vi: 'Đã thống nhất rằng khách có tiềm năng tăng trưởng và khách giá trị cao có nguy cơ rời bỏ được ưu tiên chăm sóc.',
                en: 'It is agreed that customers with room to grow, and valuable customers at risk of leaving, come first for care.',
              },
              reality: {
                vi: 'Danh sách khách giá trị cao có nguy cơ rời bỏ được xem mỗi tháng, và mỗi người trong đó đều có việc cần làm đi kèm.',
                en: 'The list of valuable customers at risk is read every month, and each one on it has a follow-up task.',
              },
              weight: 1,
              indicators: ['scored_share_30d', 'churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu phân khúc khách có giá trị trọn đời cao nhưng P(alive) thấp, và giao việc gọi lại cho từng người.',
                    en: 'Save a segment of customers with a high lifetime value and a low P(alive), and give each of them a call-back task.',
                  },
                  screen: 'segments',
                },
              ],
            },
            {
              id: 'idic.differentiate.3',
              text: {
                vi: 'Giá trị không chỉ là doanh thu: khách thường giới thiệu người mới, hoặc có tiếng nói trong cộng đồng hay trong ngành, được ghi nhận và đối xử tương xứng.',
                en: 'Value is more than revenue: customers who bring in new ones, or whose word carries weight in their community or trade, are recognised and treated accordingly.',
              },
              intention: {
                vi: 'Doanh nghiệp đã nói rõ những giá trị nào ngoài doanh thu được tính (giới thiệu, lan tỏa thương hiệu) và cách ghi nhận chúng.',
                en: 'The business has said which value beyond revenue counts (referrals, word of mouth) and how it is recorded.',
              },
              reality: {
                vi: 'Người giới thiệu được ghi trên hồ sơ của từng khách mới, và những khách giới thiệu nhiều nhất được biết tên và chăm sóc riêng.',
                en: 'The referrer is recorded on each new customer’s record, and the top referrers are known by name and looked after personally.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem bảng xếp hạng người giới thiệu và gắn thẻ cho những khách mang về nhiều khách mới nhất.',
                    en: 'Check the referrers’ leaderboard and tag the customers who bring in the most new ones.',
                  },
                  screen: 'care_reports',
                },
              ],
            },
          ],
        },
        {
          key: 'needs',
          name: { vi: 'Theo nhu cầu', en: 'By needs' },
          practices: [
            {
              id: 'idic.differentiate.4',
              text: {
                vi: 'Nhu cầu của từng khách (sở thích, danh mục hàng đã mua, điều khách từng hỏi hay phàn nàn) được ghi trên hồ sơ, và nhân viên xem trước khi tư vấn.',
                en: 'Each customer’s needs (interests, categories bought, what they have asked for or complained about) are on their record, and staff read them before advising.',
              },
              intention: {
                vi: 'Đã thống nhất những nhu cầu nào cần ghi lại và ghi ở đâu trên hồ sơ.',
                en: 'It is agreed which needs to record and where on the record they go.',
              },
              reality: {
                vi: 'Phần lớn khách thường xuyên đã có sở thích hoặc nhu cầu được ghi, và lời tư vấn dựa trên đó chứ không chào chung một kiểu.',
                en: 'Most regular customers have interests or needs recorded, and advice builds on them rather than one pitch for all.',
              },
              weight: 1,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Điền sở thích cho khách thường xuyên, và xem mục Nhu cầu trên trang khách trước mỗi cuộc gọi.',
                    en: 'Fill in interests for regular customers, and read the Needs panel on the customer page before each call.',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'idic.differentiate.5',
              text: {
                vi: 'Khách được chia nhóm theo nhu cầu (danh mục hàng, mục đích sử dụng, quy mô doanh nghiệp) thành các phân khúc được lưu lại và dùng thật, chứ không chỉ chia theo giá trị.',
                en: 'Customers are grouped by need (product category, purpose, size of business) into saved segments that are actually used, not only by value.',
              },
              intention: {
                vi: 'Các nhóm nhu cầu chính đã được xác định, và mỗi nhóm có người chịu trách nhiệm về cách tiếp cận.',
                en: 'The main needs groups are defined, and each has someone in charge of how it is approached.',
              },
              reality: {
                vi: 'Mỗi nhóm nhu cầu chính là một phân khúc đang được một kịch bản chăm sóc hoặc một chiến dịch sử dụng.',
                en: 'Each main needs group is a saved segment that a playbook or a campaign is using.',
              },
              weight: 1,
              indicators: ['segments_in_use'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu một phân khúc cho mỗi nhu cầu chính, ví dụ những khách đã mua một danh mục hàng nhất định.',
                    en: 'Save a segment for each main need, for instance the customers who bought from a given category.',
                  },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
        {
          key: 'resources',
          name: { vi: 'Phân bổ nguồn lực', en: 'Allocating effort' },
          practices: [
            {
              id: 'idic.differentiate.6',
              text: {
                vi: 'Nguồn lực được dồn theo giá trị: khách giá trị cao có người phụ trách riêng và được phục vụ nhanh hơn; khách dưới mức hòa vốn được phục vụ qua những kênh ít tốn kém hơn.',
                en: 'Effort follows value: the most valuable customers have their own account owner and faster service; customers below break-even are served through cheaper channels.',
              },
              intention: {
                vi: 'Đã viết ra mỗi hạng giá trị được hưởng gì (người phụ trách, thời gian phản hồi, ưu đãi) và chi phí phục vụ chấp nhận được cho từng hạng.',
                en: 'What each value tier gets (an owner, response times, offers) and what serving it may cost are written down.',
              },
              reality: {
                vi: 'Mọi khách thuộc hạng cao nhất đều có người phụ trách, và yêu cầu của họ được xử lý với mức ưu tiên cao hơn.',
                en: 'Every customer in the top tier has an owner, and their requests are handled at a higher priority.',
              },
              weight: 2,
              indicators: ['owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc danh sách khách theo hạng giá trị cao nhất và giao người phụ trách cho tất cả.',
                    en: 'Filter the customer list on the top value tier and assign an owner to everyone in it.',
                  },
                  screen: 'contacts',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Quyết định mỗi hạng giá trị được hưởng gì, và nhập chi phí phục vụ vào phần cài đặt hạng.',
                    en: 'Decide what each value tier gets, and enter the cost to serve in the tier settings.',
                  },
                  screen: 'analytics_settings',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'interact',
      name: { vi: 'Tương tác với khách hàng', en: 'Interact' },
      summary: {
        vi: 'Giữ liên lạc thường xuyên với khách trên những kênh họ dùng, ghi lại điều học được sau mỗi lần trao đổi, và chủ động lắng nghe phản hồi.',
        en: 'Keep in touch often, on the channels customers use, record what each conversation teaches, and ask for their feedback.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'channels',
          name: { vi: 'Kênh và nhịp liên lạc', en: 'Channels and rhythm' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.interact.1',
              text: {
                vi: 'Khách liên hệ được qua những kênh họ quen dùng (điện thoại, Zalo, Facebook, email, tại cửa hàng), và kênh nào cũng có người trả lời trong thời hạn đã cam kết.',
                en: 'Customers can reach the business on the channels they use (phone, Zalo, Facebook, email, in person), and every channel is answered within a promised time.',
              },
              intention: {
                vi: 'Thời hạn phản hồi cho từng mức ưu tiên đã được đặt ra, và người trực từng kênh đã được phân công.',
                en: 'Response times per priority are set, and someone is assigned to watch each channel.',
              },
              reality: {
                vi: 'Gần như mọi yêu cầu đều được phản hồi trong thời hạn cam kết, ở mọi kênh.',
                en: 'Nearly every request is answered within its promised time, on every channel.',
              },
              weight: 1,
              indicators: ['sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đặt thời hạn phản hồi (SLA) theo mức ưu tiên, tính trong giờ làm việc.',
                    en: 'Set response-time targets (SLA) per priority, counted in business hours.',
                  },
                  screen: 'settings_care',
                },
              ],
            },
            {
              id: 'idic.interact.2',
              text: {
                vi: 'Mỗi khách có một người phụ trách giữ liên lạc theo nhịp đã định (ví dụ khách trung thành ít nhất mỗi quý một lần), không chỉ khi có việc cần bán.',
                en: 'Each customer has an owner who keeps in touch on an agreed rhythm (loyal customers at least once a quarter, say), not only when there is something to sell.',
              },
              intention: {
                vi: 'Nhịp liên lạc cho từng nhóm khách đã được thống nhất và giao cho người phụ trách.',
                en: 'The contact rhythm for each customer group is agreed and handed to the owners.',
              },
              reality: {
                vi: 'Hầu hết khách đều có người phụ trách, và gần như không khách đang mua nào bị bỏ quên cả năm.',
                en: 'Almost every customer has an owner, and hardly any active customer goes a year without a contact.',
              },
              weight: 1,
              indicators: ['owner_coverage', 'stale_records'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Giao người phụ trách hàng loạt cho những khách chưa có, ngay từ danh sách khách hàng.',
                    en: 'Assign owners in bulk, from the customer list, to the customers who have none.',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'idic.interact.3',
              text: {
                vi: 'Sự đồng ý nhận liên hệ của khách (email, SMS, Zalo) được ghi lại kèm ngày; tin tiếp thị chỉ gửi qua kênh khách đã đồng ý, và yêu cầu ngừng nhận được tôn trọng ngay.',
                en: 'Each customer’s consent to be contacted (email, SMS, Zalo) is recorded with its date; marketing goes only through the channels they agreed to, and a request to stop is honoured at once.',
              },
              intention: {
                vi: 'Quy định về sự đồng ý, phù hợp với các quy định bảo vệ dữ liệu cá nhân của Việt Nam, đã được phổ biến cho mọi người gửi tin cho khách.',
                en: 'A consent rule, in line with Vietnam’s personal-data rules, has been explained to everyone who sends messages to customers.',
              },
              reality: {
                vi: 'Gần như mọi khách đều có ghi nhận đồng ý hoặc từ chối, và không tin tiếp thị nào đến tay người đã từ chối.',
                en: 'Nearly every customer has a recorded consent or refusal, and no marketing reaches anyone who refused.',
              },
              weight: 1,
              indicators: ['consent_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi sự đồng ý nhận liên hệ trên hồ sơ ngay khi lấy số điện thoại hoặc email của khách.',
                    en: 'Record consent on the customer record as soon as you take a phone number or an email.',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
        {
          key: 'learning',
          name: { vi: 'Ghi lại điều học được', en: 'Recording what is learnt' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.interact.4',
              text: {
                vi: 'Sau mỗi lần trao đổi đáng kể, nhân viên ghi lại điều mới biết về khách (nhu cầu, băn khoăn) và đặt bước tiếp theo thành việc cần làm có hạn.',
                en: 'After each meaningful conversation, staff note what they learnt about the customer (a need, a concern) and set the next step as a task with a due date.',
              },
              intention: {
                vi: 'Đã thống nhất rằng mỗi cuộc trao đổi kết thúc bằng một ghi chú ngắn và một việc tiếp theo có hạn.',
                en: 'It is agreed that every conversation ends with a short note and a next step with a due date.',
              },
              reality: {
                vi: 'Ghi chú nói rõ khách cần gì; việc tiếp theo được tạo và hoàn thành đúng hạn.',
                en: 'Notes say what the customer needs; next steps are created as tasks and done on time.',
              },
              weight: 2,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo việc cần làm có hạn cho bước tiếp theo ngay sau mỗi cuộc gọi, và xem danh sách việc quá hạn mỗi sáng.',
                    en: 'Create a dated task for the next step after each call, and go through the overdue tasks every morning.',
                  },
                  screen: 'tasks',
                },
              ],
            },
            {
              id: 'idic.interact.5',
              text: {
                vi: 'Ai tiếp nhận khách cũng xem toàn bộ lịch sử (đơn hàng, yêu cầu hỗ trợ, câu trả lời khảo sát) trước, để khách không phải kể lại từ đầu.',
                en: 'Whoever picks up a customer reads the whole history first (orders, tickets, survey answers), so the customer never has to start from the beginning again.',
              },
              intention: {
                vi: 'Việc đọc dòng thời gian của khách trước khi trả lời đã được đưa vào hướng dẫn cho nhân viên bán hàng và chăm sóc.',
                en: 'Reading the customer’s timeline before answering is part of the guidance for sales and care staff.',
              },
              reality: {
                vi: 'Khách thấy làm việc với doanh nghiệp dễ dàng (điểm CES tốt), và không ai phàn nàn vì phải nhắc lại thông tin.',
                en: 'Customers rate dealing with the business as easy, and nobody complains of having to repeat themselves.',
              },
              weight: 1,
              indicators: ['ces'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm câu hỏi về mức độ dễ dàng (CES) vào khảo sát gửi sau khi giải quyết yêu cầu hỗ trợ.',
                    en: 'Add a customer-effort (CES) question to the survey sent after a ticket is resolved.',
                  },
                  screen: 'surveys',
                },
              ],
            },
          ],
        },
        {
          key: 'listening',
          name: { vi: 'Lắng nghe phản hồi', en: 'Listening to feedback' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.interact.6',
              text: {
                vi: 'Khách được mời cho ý kiến sau những thời điểm quan trọng (mua hàng, giao hàng, được hỗ trợ) bằng một khảo sát ngắn như CSAT hoặc NPS.',
                en: 'Customers are asked for feedback after the moments that matter (a purchase, a delivery, a support case) with a short survey such as CSAT or NPS.',
              },
              intention: {
                vi: 'Đã chọn thời điểm và câu hỏi khảo sát, và có người chịu trách nhiệm đọc kết quả.',
                en: 'The moments and the survey questions are chosen, and someone is responsible for reading the results.',
              },
              reality: {
                vi: 'Khảo sát được gửi ở mọi thời điểm đã chọn, và đủ khách trả lời để kết quả đáng tin.',
                en: 'Surveys go out at every chosen moment, and enough customers answer for the results to be trusted.',
              },
              weight: 1,
              indicators: ['survey_response_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật kịch bản chăm sóc khách hàng mới có sẵn: kịch bản này gửi khảo sát CSAT sau 30 ngày.',
                    en: 'Turn on the built-in new-customer playbook: it sends a CSAT survey after 30 days.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'idic.interact.7',
              text: {
                vi: 'Khách nào trả lời không hài lòng cũng được một nhân viên liên hệ lại trong vòng một tuần.',
                en: 'Every unhappy answer is followed up by a person within a week.',
              },
              intention: {
                vi: 'Đã quy định ai gọi lại khách không hài lòng và trong bao lâu.',
                en: 'It is settled who calls unhappy customers back, and how soon.',
              },
              reality: {
                vi: 'Gần như mọi người chấm điểm thấp (nhóm không hài lòng của NPS) đều được liên hệ lại trong bảy ngày, và việc đó hiện trên hồ sơ của họ.',
                en: 'Nearly every low scorer (an NPS detractor) is contacted within seven days, and it shows on their record.',
              },
              weight: 1,
              indicators: ['detractor_follow_up'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xử lý các yêu cầu theo dõi mà những câu trả lời không hài lòng đã tự động mở.',
                    en: 'Work through the follow-up tickets that unhappy answers opened automatically.',
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
      key: 'customize',
      name: { vi: 'Cá biệt hóa', en: 'Customise' },
      summary: {
        vi: 'Điều chỉnh sản phẩm, ưu đãi, thông điệp và cách phục vụ theo những gì đã biết về từng khách và từng nhóm khách.',
        en: 'Adapt products, offers, messages and service to what is known about each customer and each group of customers.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'offers',
          name: { vi: 'Ưu đãi và sản phẩm phù hợp', en: 'Fitting offers and products' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.customize.1',
              text: {
                vi: 'Mỗi phân khúc chính có ưu đãi hoặc gợi ý sản phẩm riêng, dựa trên những gì nhóm đó đã mua và cần, thay vì một chương trình khuyến mãi chung cho tất cả.',
                en: 'Each main segment has its own offer or product suggestion, based on what that group has bought and needs, instead of one promotion for everyone.',
              },
              intention: {
                vi: 'Ưu đãi cho từng phân khúc chính đã được quyết định, cùng với người chịu trách nhiệm triển khai.',
                en: 'The offer for each main segment is decided, and so is who delivers it.',
              },
              reality: {
                vi: 'Mọi phân khúc chính đều có kịch bản chăm sóc hoặc chiến dịch riêng đang chạy, và nhiều khách mua thêm danh mục mới hơn trước.',
                en: 'Every main segment has its own playbook or campaign running, and more customers than before buy from new categories.',
              },
              weight: 2,
              indicators: ['segments_in_use', 'cross_sell_rate'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Chọn một ưu đãi cho mỗi phân khúc chính và tạo kịch bản chăm sóc để gửi ưu đãi đó.',
                    en: 'Choose an offer for each main segment and build a playbook that delivers it.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'idic.customize.2',
              text: {
                vi: 'Khi tư vấn, nhân viên gợi ý sản phẩm dựa trên lịch sử mua của chính khách đó (và những gì khách tương tự đã mua), không chào cùng một món cho mọi người.',
                en: 'When advising, staff suggest products from the customer’s own purchase history (and what similar customers bought), not the same item for everyone.',
              },
              intention: {
                vi: 'Nhân viên đã được hướng dẫn dùng lịch sử mua và gợi ý của hệ thống khi tư vấn, và đồng tình với cách làm này.',
                en: 'Staff have been shown how to use purchase history and the system’s suggestions when advising, and agree with working that way.',
              },
              reality: {
                vi: 'Số danh mục mỗi khách mua tăng dần, và tỷ lệ khách mua từ hai danh mục trở lên ở mức cao.',
                en: 'Categories per customer keep rising, and a high share of buyers buy from two categories or more.',
              },
              weight: 1,
              indicators: ['categories_per_customer', 'cross_sell_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem mục “Khách tương tự cũng mua” trên trang khách hàng trước khi tư vấn.',
                    en: 'Read “Customers like this also bought” on the customer page before advising.',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'idic.customize.3',
              text: {
                vi: 'Hiệu quả của việc cá biệt hóa được kiểm chứng: doanh nghiệp so sánh tỷ lệ mua lại của nhóm khách nhận ưu đãi riêng với nhóm không nhận, rồi điều chỉnh theo kết quả.',
                en: 'Whether customising pays is checked: the business compares the repeat rate of customers who got a tailored offer with those who did not, and adjusts.',
              },
              intention: {
                vi: 'Mỗi ưu đãi riêng đã có mục tiêu và ngày xem lại kết quả.',
                en: 'Each tailored offer has a target and a date when its results are reviewed.',
              },
              reality: {
                vi: 'Kết quả của mọi ưu đãi riêng đều đã được xem lại; những ưu đãi không hiệu quả đã được thay hoặc bỏ.',
                en: 'Every tailored offer has had its results reviewed; the ones that did not work were changed or dropped.',
              },
              weight: 1,
              indicators: ['segment_targets'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Mỗi quý, so sánh tỷ lệ mua lại của từng phân khúc trước và sau khi có ưu đãi riêng.',
                    en: 'Each quarter, compare each segment’s repeat rate before and after its tailored offer.',
                  },
                  screen: 'analytics_customers',
                },
              ],
            },
          ],
        },
        {
          key: 'messages',
          name: { vi: 'Thông điệp đúng người, đúng lúc', en: 'The right message at the right time' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.customize.4',
              text: {
                vi: 'Tin nhắn và email gọi đúng tên khách, nhắc đến điều khách đã mua hay quan tâm, và được gửi theo sự kiện của chính khách (mua lần đầu, trở thành khách trung thành, lâu chưa quay lại) thay vì theo một lịch chung cho tất cả.',
                en: 'Messages and emails use the customer’s name, mention what they bought or care about, and go out on the customer’s own events (a first purchase, becoming loyal, a long absence) rather than on one calendar for all.',
              },
              intention: {
                vi: 'Đã xác định những sự kiện của khách cần có thông điệp riêng, và nội dung cho từng sự kiện.',
                en: 'The customer events that deserve their own message are identified, with the content for each.',
              },
              reality: {
                vi: 'Khách mới được đưa vào kịch bản chăm sóc ngay, và các kịch bản theo sự kiện tự chạy mà không cần ai nhớ.',
                en: 'New customers are enrolled in a playbook at once, and event-driven playbooks run without anyone having to remember.',
              },
              weight: 1,
              indicators: ['playbook_coverage_new', 'automations_active'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật tự động áp dụng cho các kịch bản có sẵn dành cho khách mới, tiềm năng và trung thành, và sửa nội dung theo giọng của doanh nghiệp.',
                    en: 'Turn on automatic enrolment for the built-in new, potential and loyal playbooks, and rewrite their messages in your own voice.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
        {
          key: 'service',
          name: { vi: 'Cách phục vụ theo từng khách', en: 'Service fitted to each customer' },
          ownBreakdown: true,
          practices: [
            {
              id: 'idic.customize.5',
              text: {
                vi: 'Những điều khách ưa thích (kênh liên lạc, giờ nhận hàng, cách thanh toán, điều khoản với khách doanh nghiệp) được ghi nhớ và áp dụng mà khách không phải nhắc lại.',
                en: 'Each customer’s preferences (how to reach them, delivery hours, payment, terms for business customers) are remembered and applied without the customer having to repeat them.',
              },
              intention: {
                vi: 'Đã thống nhất những ưa thích nào cần ghi lại, và mọi bộ phận (bán hàng, giao hàng, chăm sóc) đều dùng chúng.',
                en: 'It is agreed which preferences to record, and every department (sales, delivery, care) uses them.',
              },
              reality: {
                vi: 'Ưa thích được ghi trên hồ sơ của phần lớn khách thường xuyên và được tôn trọng trong mọi đơn hàng.',
                en: 'Preferences are on most regular customers’ records and respected in every order.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm trường riêng cho những ưa thích quan trọng (kênh ưa dùng, giờ nhận hàng).',
                    en: 'Add custom fields for the preferences that matter (preferred channel, delivery hours).',
                  },
                  screen: 'settings_fields',
                },
              ],
            },
            {
              id: 'idic.customize.6',
              text: {
                vi: 'Khách giá trị cao được phục vụ khác biệt và cảm nhận được điều đó: ưu tiên khi cần hỗ trợ, quyền lợi theo hạng thành viên, một người liên hệ riêng.',
                en: 'High-value customers are served differently, and can tell: priority when they need help, benefits by membership tier, a contact person of their own.',
              },
              intention: {
                vi: 'Quyền lợi của từng hạng thành viên đã được công bố cho cả khách hàng và nhân viên.',
                en: 'The benefits of each membership tier are published to customers and staff alike.',
              },
              reality: {
                vi: 'Điểm và hạng được cập nhật theo mọi đơn hàng, và khách ở các hạng cao quay lại mua đều đặn.',
                en: 'Points and tiers follow every order, and customers in the top tiers come back to buy regularly.',
              },
              weight: 1,
              indicators: ['repeat_purchase_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thiết lập điểm thưởng và các hạng thành viên với quyền lợi rõ ràng.',
                    en: 'Set up loyalty points and membership tiers with clear benefits.',
                  },
                  screen: 'settings_loyalty',
                },
              ],
            },
          ],
        },
      ],
    },
  ],
};
