import type { Framework } from '../framework.ts';

/**
 * The customer-care model (mô hình chăm sóc khách hàng): its six components and the four ways of building it. The
 * areas, the three measures of data collection, the three customer groups, the steps of complaint handling and the
 * stages of the sale are the model's; the sub-components of database, sources and relationships, and every practice,
 * are Kith's own wording (docs/models.md §3 says where each part lives in Kith).
 */
export const care: Framework = {
  key: 'care',
  version: 1,
  name: { vi: 'Mô hình chăm sóc khách hàng', en: 'Customer-care model' },
  description: {
    vi: 'Chăm sóc khách hàng trên cả chặng đường, từ lúc khách bắt đầu quan tâm đến lần mua tiếp theo: sáu thành phần nền tảng (cơ sở dữ liệu, phân tích, nguồn khách, mối quan hệ, thu thập dữ liệu, đánh giá hiệu quả) và bốn cách xây dựng (chăm sóc theo nhóm khách, khắc phục vấn đề, chăm sóc trước – trong – sau bán, marketing từ khách trung thành). Mỗi thực hành được chấm trên hai thang Ý định và Thực tế; phần Thực tế được đối chiếu với số liệu trong Kith.',
    en: 'Customer care along the whole road, from first interest to the next purchase: six foundations (the database, analysis, customer sources, relationships, data collection, evaluating effectiveness) and four ways of building it (care per customer group, fixing problems, care before, during and after the sale, loyalty marketing). Each practice is scored on Intention and Reality; Reality is checked against the figures in Kith.',
  },
  source: {
    vi: 'Mô hình chăm sóc khách hàng như được trình bày trong các bài viết tiếng Việt về CRM: sáu thành phần cơ bản và bốn cách xây dựng. Tên các lĩnh vực, ba thước đo mua lại – thâm nhập – giữ chân, ba nhóm khách mới – tiềm năng – trung thành, các bước xin lỗi – tìm nguyên nhân – khắc phục và các giai đoạn trước – trong – sau bán là của mô hình; các hạng mục con của cơ sở dữ liệu, nguồn khách hàng và mối quan hệ, mọi thực hành, mô tả mức 4 và hành động đề xuất do Kith tự viết.',
    en: 'The customer-care model as presented in the Vietnamese articles on CRM: six basic components and four ways of building it. The area names, the three measures (repurchase, penetration, retention), the three groups (new, potential, loyal), the steps of apologising, finding the cause and fixing, and the stages before, during and after the sale are the model’s; the sub-components of the database, sources and relationships, every practice, the level-4 descriptions and the recommended actions are Kith’s own wording.',
  },
  areas: [
    {
      key: 'database',
      name: { vi: 'Xây dựng cơ sở dữ liệu', en: 'Building the customer database' },
      summary: {
        vi: 'Một cơ sở dữ liệu chung chứa mọi khách hàng, thông tin liên lạc và toàn bộ lịch sử mua hàng của họ, luôn sạch và an toàn.',
        en: 'One shared database holding every customer, their contact details and their whole purchase history, kept clean and safe.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'contents',
          name: { vi: 'Dữ liệu cần có', en: 'What it holds' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.database.1',
              text: {
                vi: 'Khách hàng của mọi cửa hàng, mọi nhân viên bán hàng và mọi kênh bán đều nằm trong một cơ sở dữ liệu chung, không rải rác trong sổ tay, điện thoại cá nhân hay file Excel.',
                en: 'The customers of every shop, every salesperson and every sales channel are in one shared database, not scattered across notebooks, personal phones and spreadsheets.',
              },
              intention: {
                vi: 'Lãnh đạo đã quyết định dùng một cơ sở dữ liệu khách hàng duy nhất, và mọi người đồng ý chuyển dữ liệu của mình vào đó.',
                en: 'The leadership has decided on a single customer database, and everyone has agreed to move their data into it.',
              },
              reality: {
                vi: 'Không còn danh sách khách nào nằm ngoài hệ thống, và các hồ sơ có đủ thông tin liên lạc chính.',
                en: 'No customer list is left outside the system, and records carry the main contact details.',
              },
              weight: 2,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập vào Kith các danh sách khách đang nằm trong Excel, điện thoại của nhân viên hay phần mềm cũ.',
                    en: 'Import into Kith the customer lists kept in spreadsheets, staff’s phones or the old software.',
                  },
                  screen: 'imports',
                },
              ],
            },
            {
              id: 'care.database.2',
              text: {
                vi: 'Mỗi hồ sơ khách có đủ lịch sử giao dịch — đơn hàng gắn với sản phẩm và danh mục — nên ai cũng xem được khách đã mua gì, khi nào, bao nhiêu.',
                en: 'Each customer record holds the full purchase history — orders linked to products and their categories — so anyone can see what the customer bought, when and for how much.',
              },
              intention: {
                vi: 'Đã quyết định nguồn đơn hàng nào được đưa vào hệ thống, và danh mục sản phẩm đã được sắp xếp theo nhóm hàng.',
                en: 'It is decided which order sources feed the system, and the product catalogue is organised into categories.',
              },
              reality: {
                vi: 'Đơn hàng từ mọi kênh đều có trong hệ thống, gắn với đúng khách và đúng sản phẩm; rất ít dòng bị từ chối khi nhập.',
                en: 'Orders from every channel are in the system, linked to the right customer and product; few rows are refused on import.',
              },
              weight: 1,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập lịch sử đơn hàng từ phần mềm bán hàng hoặc từ sàn thương mại điện tử.',
                    en: 'Import the order history from the sales software or the marketplaces.',
                  },
                  screen: 'imports',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Sắp xếp danh mục sản phẩm theo nhóm hàng để phân tích được khách mua gì.',
                    en: 'Organise the product catalogue into categories so that what customers buy can be analysed.',
                  },
                  screen: 'products',
                },
              ],
            },
          ],
        },
        {
          key: 'upkeep',
          name: { vi: 'Chất lượng và an toàn dữ liệu', en: 'Data quality and safety' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.database.3',
              text: {
                vi: 'Dữ liệu được giữ sạch: khách trùng được gộp hằng tuần, hồ sơ lâu không hoạt động được rà soát, lỗi khi nhập dữ liệu được sửa ngay.',
                en: 'The data is kept clean: duplicates are merged weekly, long-inactive records are reviewed, and import errors are fixed at once.',
              },
              intention: {
                vi: 'Việc giữ dữ liệu sạch có người chịu trách nhiệm và lịch làm rõ ràng.',
                en: 'Keeping the data clean has a person in charge and a clear schedule.',
              },
              reality: {
                vi: 'Danh sách nghi trùng gần như trống, rất ít hồ sơ bị bỏ không cả năm, và lỗi khi nhập hiếm gặp.',
                en: 'The duplicate list is nearly empty, few records go untouched for a year, and import errors are rare.',
              },
              weight: 1,
              indicators: ['duplicates_waiting', 'stale_records', 'import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem và gộp các cặp khách nghi trùng đang chờ.', en: 'Review and merge the duplicate candidates waiting.' },
                  screen: 'duplicates',
                },
              ],
            },
            {
              id: 'care.database.4',
              text: {
                vi: 'Dữ liệu khách hàng được bảo vệ: mỗi nhân viên chỉ thấy những gì vai trò của mình cần, người nghỉ việc mất quyền truy cập ngay, và bản sao lưu được khôi phục thử định kỳ.',
                en: 'Customer data is protected: each employee sees only what their role needs, leavers lose access at once, and backups are test-restored regularly.',
              },
              intention: {
                vi: 'Đã có quy định ai được xem và sửa dữ liệu gì, và quy trình khi có nhân viên nghỉ việc.',
                en: 'There is a rule on who may see and change which data, and a procedure for when someone leaves.',
              },
              reality: {
                vi: 'Vai trò của mọi thành viên khớp với công việc hiện tại, và lần khôi phục thử gần nhất thành công.',
                en: 'Every member’s role matches their current job, and the latest test restore worked.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Rà soát danh sách thành viên và vai trò, và gỡ những người đã nghỉ việc.',
                    en: 'Review the members and their roles, and remove the people who have left.',
                  },
                  screen: 'settings_members',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'analysis',
      name: { vi: 'Phân tích, đánh giá và thống kê', en: 'Analysis, evaluation and statistics' },
      summary: {
        vi: 'Dùng số liệu để biết khách nào mua nhiều nhất và họ hài lòng đến đâu, và theo dõi những con số đó đều đặn.',
        en: 'Use the figures to know which customers buy most and how satisfied they are, and follow those figures regularly.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'top_buyers',
          name: { vi: 'Khách mua nhiều nhất', en: 'Who buys most' },
          practices: [
            {
              id: 'care.analysis.1',
              text: {
                vi: 'Doanh nghiệp biết khách nào mua nhiều nhất: khách được chấm điểm RFM và giá trị trọn đời từ đơn hàng, làm mới ít nhất mỗi tháng.',
                en: 'The business knows who buys most: customers are scored on RFM and lifetime value from their orders, refreshed at least monthly.',
              },
              intention: {
                vi: 'Cách xếp hạng khách hàng, và ai dùng kết quả vào việc gì, đã được thống nhất.',
                en: 'How customers are ranked, and who uses the ranking for what, is agreed.',
              },
              reality: {
                vi: 'Gần như mọi khách có đơn hàng đều có điểm mới trong 30 ngày qua, và danh sách khách hàng đầu được dùng khi lập kế hoạch.',
                en: 'Almost every customer with orders has scores from the last 30 days, and the list of top customers is used in planning.',
              },
              weight: 2,
              indicators: ['scored_share_30d'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tính lại điểm RFM và xem các nhóm khách trên lưới RFM.',
                    en: 'Refresh the RFM scores and look at the customer groups on the RFM grid.',
                  },
                  screen: 'analytics_rfm',
                },
              ],
            },
          ],
        },
        {
          key: 'satisfaction',
          name: { vi: 'Mức độ hài lòng', en: 'How satisfied they are' },
          practices: [
            {
              id: 'care.analysis.2',
              text: {
                vi: 'Mức độ hài lòng được đo chứ không đoán: CSAT hoặc NPS được thu liên tục, đủ câu trả lời để đọc được, và được xem theo nhóm khách (khách giá trị cao có hài lòng không?).',
                en: 'Satisfaction is measured, not guessed: CSAT or NPS is collected continuously, with enough answers to read, and looked at per customer group (are the most valuable customers happy?).',
              },
              intention: {
                vi: 'Thước đo hài lòng, thời điểm hỏi và người chịu trách nhiệm đọc kết quả đã được chọn.',
                en: 'The satisfaction measure, when to ask and who reads the results are chosen.',
              },
              reality: {
                vi: 'Tháng nào cũng có kết quả NPS hoặc CSAT với khoảng tin cậy đủ hẹp, và kết quả được xem theo phân khúc RFM.',
                en: 'Every month has an NPS or CSAT result with a narrow enough interval, and it is read by RFM segment.',
              },
              weight: 1,
              indicators: ['survey_response_rate', 'nps', 'csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Xem kết quả khảo sát theo phân khúc RFM.', en: 'Break the survey results down by RFM segment.' },
                  screen: 'survey_results',
                },
              ],
            },
          ],
        },
        {
          key: 'statistics',
          name: { vi: 'Thống kê và xem xét định kỳ', en: 'Regular statistics and review' },
          practices: [
            {
              id: 'care.analysis.3',
              text: {
                vi: 'Các con số chính (khách mới, tỷ lệ mua lại, khách có nguy cơ rời bỏ, mức hài lòng) được xem lại mỗi tháng trong một buổi họp ngắn, và buổi họp nào cũng kết thúc bằng quyết định cụ thể.',
                en: 'The key figures (new customers, repeat rate, customers at risk, satisfaction) are reviewed monthly in a short meeting that always ends with concrete decisions.',
              },
              intention: {
                vi: 'Buổi xem xét hằng tháng đã có lịch, người chủ trì và danh sách con số cố định.',
                en: 'The monthly review has a date, a chair and a fixed list of figures.',
              },
              reality: {
                vi: 'Các buổi xem xét gần đây đều có biên bản, và các phân khúc chính đều có mục tiêu.',
                en: 'Recent reviews all have minutes, and the main segments have targets.',
              },
              weight: 1,
              indicators: ['segment_targets'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Tổ chức buổi xem xét 30 phút mỗi tháng dựa trên tab Khách hàng và tab Giá trị.',
                    en: 'Hold a 30-minute monthly review around the customers and value tabs.',
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
      key: 'sources',
      name: { vi: 'Lựa chọn nguồn khách hàng', en: 'Choosing customer sources' },
      summary: {
        vi: 'Biết khách đến từ đâu và vì sao họ chọn doanh nghiệp, rồi dồn công sức vào những nguồn mang lại khách tốt.',
        en: 'Know where customers come from and why they choose the business, then put the effort into the sources that bring good customers.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'tracking',
          name: { vi: 'Ghi nhận nguồn và theo dõi khách tiềm năng', en: 'Recording sources and following leads' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.sources.1',
              text: {
                vi: 'Nguồn của mọi khách mới (người quen giới thiệu, Facebook, Zalo, khách vãng lai, sàn thương mại điện tử, hội chợ…) được ghi lại ngay khi tạo hồ sơ.',
                en: 'Every new customer’s source (a referral, Facebook, Zalo, a walk-in, a marketplace, a trade fair…) is recorded when the record is created.',
              },
              intention: {
                vi: 'Danh sách nguồn đã được chuẩn hóa, và ai tạo hồ sơ cũng biết phải điền nguồn.',
                en: 'The list of sources is standardised, and everyone who creates records knows to fill it in.',
              },
              reality: {
                vi: 'Gần như mọi khách mới trong kỳ đều có nguồn.',
                en: 'Almost every new customer of the period has a source.',
              },
              weight: 1,
              indicators: ['field_completeness'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc các khách mới chưa có nguồn và bổ sung nguồn cho họ.',
                    en: 'Filter the new customers with no source and fill it in.',
                  },
                  screen: 'contacts',
                },
              ],
            },
            {
              id: 'care.sources.2',
              text: {
                vi: 'Khách tiềm năng từ mỗi nguồn được liên hệ nhanh và theo dõi đến khi mua hoặc từ chối, theo một quy trình bán hàng có các bước rõ ràng.',
                en: 'Leads from each source are contacted quickly and followed until they buy or say no, through a sales pipeline with clear stages.',
              },
              intention: {
                vi: 'Thời gian liên hệ lần đầu và các bước của quy trình bán hàng đã được thống nhất.',
                en: 'The time to first contact and the stages of the sales pipeline are agreed.',
              },
              reality: {
                vi: 'Cơ hội không nằm lâu ở một bước, và tỷ lệ chốt được theo dõi theo từng nguồn.',
                en: 'Deals do not sit long in one stage, and the win rate is followed source by source.',
              },
              weight: 1,
              indicators: ['stage_conversion', 'time_in_stage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đặt các bước của quy trình bán hàng cho khớp với cách doanh nghiệp thực sự bán.',
                    en: 'Set the pipeline’s stages to match how the business really sells.',
                  },
                  screen: 'settings_pipelines',
                },
              ],
            },
          ],
        },
        {
          key: 'choice',
          name: { vi: 'Chọn nguồn theo chất lượng khách', en: 'Choosing sources by the customers they bring' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.sources.3',
              text: {
                vi: 'Các nguồn được so sánh theo chất lượng khách mang lại (tỷ lệ mua lại, giá trị trọn đời), không chỉ theo số lượng, và ngân sách được chuyển sang những nguồn tốt hơn.',
                en: 'Sources are compared on the quality of the customers they bring (repeat rate, lifetime value), not only on numbers, and budget moves to the better ones.',
              },
              intention: {
                vi: 'Đã quyết định xem lại hiệu quả các nguồn mỗi quý và dựa vào đó để phân bổ ngân sách.',
                en: 'It is decided to review the sources each quarter and to allocate the budget on that basis.',
              },
              reality: {
                vi: 'Khách mới theo nguồn được xem lại mỗi quý, và ngân sách năm nay đã thay đổi theo kết quả đó.',
                en: 'New customers by source are reviewed every quarter, and this year’s budget has shifted accordingly.',
              },
              weight: 1,
              indicators: ['new_customers_per_month', 'repeat_purchase_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'So sánh khách mới theo nguồn và theo kênh mua đầu tiên, cùng tỷ lệ mua lại của từng nhóm.',
                    en: 'Compare new customers by source and by first channel, with each group’s repeat rate.',
                  },
                  screen: 'analytics_customers',
                },
              ],
            },
            {
              id: 'care.sources.4',
              text: {
                vi: 'Doanh nghiệp hiểu động cơ và hành vi của nhóm khách tốt nhất (vì sao họ chọn mình, họ tìm thông tin ở đâu) và dùng hiểu biết đó để sàng lọc và tìm thêm những khách giống họ.',
                en: 'The business understands the motives and behaviour of its best customers (why they chose it, where they look for information) and uses that to screen for and find more customers like them.',
              },
              intention: {
                vi: 'Chân dung khách hàng lý tưởng đã được viết ra từ dữ liệu thật, và đội bán hàng, tiếp thị đồng ý dùng nó.',
                en: 'A portrait of the ideal customer is written from real data, and the sales and marketing teams agree to use it.',
              },
              reality: {
                vi: 'Chân dung này được dùng khi chọn kênh quảng cáo và khi sàng lọc khách tiềm năng, và có một khảo sát “vì sao chọn chúng tôi” gần đây làm căn cứ.',
                en: 'The portrait guides the choice of advertising channels and the screening of leads, and a recent “why did you choose us” survey backs it.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Hỏi những khách tốt nhất vì sao họ chọn doanh nghiệp bằng một khảo sát ngắn, rồi viết chân dung khách hàng lý tưởng.',
                    en: 'Ask your best customers why they chose you in a short survey, then write down the ideal customer.',
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
      key: 'relationships',
      name: { vi: 'Tạo mối quan hệ', en: 'Building relationships' },
      summary: {
        vi: 'Mang lại giá trị cho khách trong suốt quá trình phục vụ, nhờ một mạng lưới gắn kết giữa nhân viên, nhà sản xuất, nhà phân phối và công nghệ.',
        en: 'Bring customers value throughout the service, through a network that holds staff, producers, distributors and technology together.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'people',
          name: { vi: 'Người phụ trách khách hàng', en: 'A person for each customer' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.relationships.1',
              text: {
                vi: 'Mỗi khách có một người cụ thể ở doanh nghiệp hiểu rõ họ và có thể gọi khi cần; khi người đó nghỉ, khách được bàn giao và được báo trước.',
                en: 'Each customer has a named person at the business who knows them and whom they can call; when that person leaves, the customer is handed over and told in advance.',
              },
              intention: {
                vi: 'Quy định mỗi khách có một người phụ trách, và cách bàn giao khách, đã được thống nhất.',
                en: 'The rule that every customer has an owner, and how customers are handed over, is agreed.',
              },
              reality: {
                vi: 'Gần như mọi khách đều có người phụ trách, và không khách nào của người đã nghỉ bị bỏ trống.',
                en: 'Nearly every customer has an owner, and no customer of someone who left is left without one.',
              },
              weight: 2,
              indicators: ['owner_coverage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc những khách chưa có người phụ trách và giao hàng loạt.',
                    en: 'Filter the customers with no owner and assign them in bulk.',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
        {
          key: 'network',
          name: { vi: 'Đối tác và công nghệ', en: 'Partners and technology' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.relationships.2',
              text: {
                vi: 'Nhà phân phối, đại lý và nhà cung cấp có tiếp xúc với khách chia sẻ thông tin khách hàng với doanh nghiệp theo thỏa thuận (khách doanh nghiệp, đơn hàng qua đại lý, phản hồi), bằng file định kỳ hoặc kết nối API.',
                en: 'Distributors, agents and suppliers who deal with customers share customer information with the business as agreed (business accounts, orders through agents, feedback), by regular files or an API connection.',
              },
              intention: {
                vi: 'Đã thỏa thuận với các đối tác chính về dữ liệu nào được chia sẻ, bao lâu một lần và ai chịu trách nhiệm.',
                en: 'The main partners have agreed which data is shared, how often and who is responsible.',
              },
              reality: {
                vi: 'Dữ liệu từ đối tác vào hệ thống đúng hạn và ít lỗi, và các công ty khách hàng có đủ người liên hệ.',
                en: 'Partner data arrives on time with few errors, and customer companies have their people recorded.',
              },
              weight: 1,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Cấp khóa API để đối tác gửi khách hàng và đơn hàng thẳng vào Kith, hoặc thống nhất một lần nhập file mỗi tháng.',
                    en: 'Give partners an API token to send customers and orders straight into Kith, or agree on a monthly file import.',
                  },
                  screen: 'settings_tokens',
                },
              ],
            },
          ],
        },
        {
          key: 'value',
          name: { vi: 'Giá trị giữa các lần mua', en: 'Value between purchases' },
          ownBreakdown: true,
          practices: [
            {
              id: 'care.relationships.3',
              text: {
                vi: 'Doanh nghiệp mang lại giá trị cho khách cả giữa các lần mua — hướng dẫn sử dụng, lời khuyên, nhắc bảo dưỡng hay gia hạn — được lên kế hoạch cho từng nhóm khách.',
                en: 'The business brings customers value between purchases too — how-to advice, tips, reminders to service or renew — planned for each customer group.',
              },
              intention: {
                vi: 'Nội dung chăm sóc giữa các lần mua đã được lên lịch cho từng nhóm khách.',
                en: 'Care content between purchases is scheduled for each customer group.',
              },
              reality: {
                vi: 'Các kịch bản chăm sóc gửi những nội dung này đang chạy, và khách thường xuyên nhận được chúng đều đặn.',
                en: 'Playbooks sending that content are running, and regular customers receive it steadily.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thêm vào kịch bản chăm sóc các bước gửi hướng dẫn sử dụng và lời nhắc theo chu kỳ của sản phẩm.',
                    en: 'Add steps to your playbooks that send usage tips and reminders timed to the product’s cycle.',
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
      key: 'data_collection',
      name: { vi: 'Thu thập dữ liệu khách hàng', en: 'Collecting customer data' },
      summary: {
        vi: 'Mỗi giao dịch tự động làm giàu dữ liệu khách hàng, và dữ liệu đó được đánh giá qua ba thước đo: mua lại, thâm nhập và giữ chân.',
        en: 'Every transaction enriches the customer data by itself, and the data is read through three measures: repurchase, penetration and retention.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'capture',
          name: { vi: 'Ghi nhận theo từng giao dịch', en: 'Capture at every transaction' },
          practices: [
            {
              id: 'care.data_collection.1',
              text: {
                vi: 'Mỗi giao dịch, ở mọi kênh, tự động cập nhật vào hồ sơ khách (đơn hàng, số lần mua, giai đoạn vòng đời) mà không ai phải nhập lại bằng tay.',
                en: 'Every transaction, on every channel, updates the customer’s record by itself (the order, the purchase count, the lifecycle stage) without anyone retyping it.',
              },
              intention: {
                vi: 'Cách đưa giao dịch từ từng kênh vào hệ thống (kết nối API hoặc nhập định kỳ), và người phụ trách việc đó, đã được quyết định.',
                en: 'How transactions from each channel reach the system (an API connection or a regular import), and who looks after it, is decided.',
              },
              reality: {
                vi: 'Giao dịch của mọi kênh có trong hệ thống chậm nhất sau một tuần, và hầu như không dòng nào bị từ chối.',
                en: 'Transactions from every channel are in the system within a week at most, and hardly a row is refused.',
              },
              weight: 2,
              indicators: ['import_error_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Nhập đơn hàng từ từng kênh bán và ghi lại các bước để lặp lại mỗi tuần.',
                    en: 'Import the orders of each sales channel and write down the steps so the import is repeated every week.',
                  },
                  screen: 'imports',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Kết nối phần mềm bán hàng với Kith qua API để đơn hàng tự vào hệ thống.',
                    en: 'Connect the sales software to Kith through the API so orders arrive by themselves.',
                  },
                  screen: 'settings_tokens',
                },
              ],
            },
          ],
        },
        {
          key: 'repurchase',
          name: { vi: 'Mua lại', en: 'Repurchase' },
          practices: [
            {
              id: 'care.data_collection.2',
              text: {
                vi: 'Tỷ lệ khách mua lại được theo dõi hằng tháng, và khách đến kỳ mua lại được nhắc đúng lúc.',
                en: 'The share of customers who buy again is followed monthly, and customers due to buy again are reminded at the right time.',
              },
              intention: {
                vi: 'Đã có mục tiêu tỷ lệ mua lại và thời điểm nhắc phù hợp với chu kỳ sử dụng sản phẩm.',
                en: 'There is a repeat-rate target and a reminder timing that fits how long the products last.',
              },
              reality: {
                vi: 'Tỷ lệ mua lại được báo cáo mỗi tháng và đang đạt hoặc tiến sát mục tiêu.',
                en: 'The repeat rate is reported every month and is at or close to its target.',
              },
              weight: 1,
              indicators: ['repeat_purchase_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Chỉnh bước nhắc mua lại (mặc định sau 90 ngày) trong kịch bản khách hàng mới cho khớp với chu kỳ sản phẩm.',
                    en: 'Fit the repurchase reminder of the new-customer playbook (after 90 days by default) to your products’ cycle.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
        {
          key: 'penetration',
          name: { vi: 'Thâm nhập', en: 'Penetration' },
          practices: [
            {
              id: 'care.data_collection.3',
              text: {
                vi: 'Mức thâm nhập được theo dõi: mỗi khách mua bao nhiêu danh mục hàng, và khách chỉ mua một danh mục được giới thiệu danh mục liên quan.',
                en: 'Penetration is followed: how many categories each customer buys from, and customers who buy from one category are offered a related one.',
              },
              intention: {
                vi: 'Đã xác định những danh mục nên bán kèm nhau và nhóm khách cần được giới thiệu.',
                en: 'The categories that go together, and the customers to offer them to, are identified.',
              },
              reality: {
                vi: 'Số danh mục trên mỗi khách và tỷ lệ khách mua từ hai danh mục trở lên tăng qua từng kỳ.',
                en: 'Categories per customer and the share buying from two or more categories rise period after period.',
              },
              weight: 1,
              indicators: ['categories_per_customer', 'cross_sell_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu phân khúc khách chỉ mua một danh mục và gắn một kịch bản giới thiệu danh mục liên quan.',
                    en: 'Save a segment of customers who buy from one category only and attach a playbook that introduces a related one.',
                  },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
        {
          key: 'retention',
          name: { vi: 'Giữ chân', en: 'Retention' },
          practices: [
            {
              id: 'care.data_collection.4',
              text: {
                vi: 'Việc giữ chân được theo dõi đến từng khách: khách có dấu hiệu rời bỏ (lâu hơn thường lệ chưa mua, P(alive) giảm) được liệt kê mỗi tuần và được liên hệ.',
                en: 'Retention is followed customer by customer: those showing signs of leaving (longer than usual without buying, a falling P(alive)) are listed weekly and contacted.',
              },
              intention: {
                vi: 'Đã quy định dấu hiệu nào là “có nguy cơ rời bỏ” và ai liên hệ những khách này.',
                en: 'What counts as “at risk”, and who contacts those customers, is settled.',
              },
              reality: {
                vi: 'Danh sách khách có nguy cơ được xử lý hằng tuần, và tỷ lệ khách có P(alive) dưới một nửa giảm dần.',
                en: 'The at-risk list is worked every week, and the share of buyers with P(alive) below one half is falling.',
              },
              weight: 1,
              indicators: ['churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu phân khúc “có nguy cơ rời bỏ” và đưa vào một kịch bản gọi điện hỏi thăm.',
                    en: 'Save an “at risk” segment and enrol it in a call-back playbook.',
                  },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'effectiveness',
      name: { vi: 'Đánh giá hiệu quả', en: 'Evaluating effectiveness' },
      summary: {
        vi: 'Đánh giá công việc chăm sóc bằng mức độ hài lòng của khách và các chỉ số KPI, rồi điều chỉnh.',
        en: 'Judge the care work by customer satisfaction and by KPIs, and adjust.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'satisfaction',
          name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
          practices: [
            {
              id: 'care.effectiveness.1',
              text: {
                vi: 'Chất lượng chăm sóc được đánh giá bằng số liệu hài lòng (NPS, CSAT) và xu hướng của chúng, được quản lý xem mỗi tháng.',
                en: 'Care is judged on the satisfaction figures (NPS, CSAT) and their trend, which the manager reads every month.',
              },
              intention: {
                vi: 'Mục tiêu NPS hoặc CSAT đã được đặt ra và truyền đạt cho cả đội.',
                en: 'An NPS or CSAT target is set and shared with the whole team.',
              },
              reality: {
                vi: 'Kết quả hài lòng hằng tháng có đủ câu trả lời, và đạt mục tiêu hoặc đang cải thiện.',
                en: 'Monthly satisfaction results have enough answers, and meet their target or are improving.',
              },
              weight: 1,
              indicators: ['nps', 'csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem xu hướng NPS và CSAT theo tháng, theo đội và theo nhân viên.',
                    en: 'Follow the NPS and CSAT trend by month, team and agent.',
                  },
                  screen: 'survey_results',
                },
              ],
            },
          ],
        },
        {
          key: 'kpi',
          name: { vi: 'Chỉ số KPI', en: 'KPIs' },
          practices: [
            {
              id: 'care.effectiveness.2',
              text: {
                vi: 'Mỗi nhân viên bán hàng và chăm sóc có KPI với mục tiêu rõ ràng (ví dụ yêu cầu xử lý đúng hạn, mức hài lòng, tỷ lệ mua lại của khách mình phụ trách), được xem lại định kỳ.',
                en: 'Each sales and care employee has KPIs with clear targets (tickets resolved on time, satisfaction, the repeat rate of their own customers, say), reviewed regularly.',
              },
              intention: {
                vi: 'Bộ KPI và mục tiêu đã được thống nhất với từng nhân viên.',
                en: 'The KPIs and their targets are agreed with each employee.',
              },
              reality: {
                vi: 'Mọi nhân viên liên quan đều có KPI kèm mục tiêu, và kết quả được xem lại mỗi tháng.',
                en: 'Every employee concerned has KPIs with targets, and the results are reviewed every month.',
              },
              weight: 1,
              indicators: ['kpi_coverage', 'kpi_targets'],
              actions: [
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Mỗi tháng, xem báo cáo SLA và hài lòng theo từng nhân viên, và thống nhất mục tiêu với từng người.',
                    en: 'Every month, review SLA and satisfaction per agent, and agree targets with each person.',
                  },
                  screen: 'care_reports',
                },
              ],
            },
            {
              id: 'care.effectiveness.3',
              text: {
                vi: 'Cam kết dịch vụ được giữ: tỷ lệ yêu cầu hỗ trợ đạt thời hạn SLA được theo dõi theo đội, nhân viên và loại yêu cầu.',
                en: 'Service promises are kept: the share of tickets meeting their SLA is followed by team, agent and category.',
              },
              intention: {
                vi: 'Thời hạn SLA đã được đặt cho từng mức ưu tiên, và cả đội đồng ý với chúng.',
                en: 'SLA targets are set per priority, and the team has agreed to them.',
              },
              reality: {
                vi: 'Gần như mọi yêu cầu đạt thời hạn, và mỗi lần trễ đều có lý do được ghi lại.',
                en: 'Nearly every ticket meets its targets, and each breach has a recorded reason.',
              },
              weight: 1,
              indicators: ['sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Mở báo cáo SLA và tìm đội hoặc loại yêu cầu hay trễ hạn nhất.',
                    en: 'Open the SLA report and find the team or category that misses most often.',
                  },
                  screen: 'care_reports',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'group_care',
      name: { vi: 'Chăm sóc theo từng nhóm khách hàng', en: 'Care for each customer group' },
      summary: {
        vi: 'Chia khách thành khách tiềm năng, khách mới và khách trung thành, và mỗi nhóm có cách chăm sóc riêng.',
        en: 'Sort customers into potential, new and loyal ones, and give each group its own way of being cared for.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'grouping',
          name: { vi: 'Phân nhóm khách hàng', en: 'Sorting customers into groups' },
          practices: [
            {
              id: 'care.group_care.1',
              text: {
                vi: 'Mỗi khách đều thuộc một nhóm rõ ràng — tiềm năng, mới, quay lại, trung thành, có nguy cơ rời bỏ — và nhóm được cập nhật theo giao dịch thật, không theo trí nhớ của nhân viên.',
                en: 'Every customer is in a clear group — potential, new, repeat, loyal, at risk — kept current from their actual purchases, not from staff’s memory.',
              },
              intention: {
                vi: 'Tiêu chí của từng nhóm (ví dụ mua bao nhiêu lần thì là khách trung thành) đã được chốt và mọi người đều hiểu.',
                en: 'The criteria for each group (how many purchases make a customer loyal, say) are settled and understood by everyone.',
              },
              reality: {
                vi: 'Gần như mọi khách có giai đoạn vòng đời khớp với lịch sử mua của họ.',
                en: 'Nearly every customer’s lifecycle stage matches their purchase history.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc danh sách khách theo giai đoạn vòng đời và sửa những khách chưa có giai đoạn.',
                    en: 'Filter the customer list by lifecycle stage and fix the customers who have none.',
                  },
                  screen: 'contacts',
                },
              ],
            },
          ],
        },
        {
          key: 'potential',
          name: { vi: 'Khách hàng tiềm năng', en: 'Potential customers' },
          practices: [
            {
              id: 'care.group_care.2',
              text: {
                vi: 'Khách tiềm năng được giới thiệu về doanh nghiệp và sản phẩm ngay khi để lại thông tin, được gọi lại trong vài ngày, và được theo dõi theo lịch cho đến khi mua hoặc từ chối.',
                en: 'Potential customers get an introduction to the business and its products as soon as they leave their details, a call within a few days, and follow-ups on a schedule until they buy or decline.',
              },
              intention: {
                vi: 'Cách chăm sóc khách tiềm năng (nội dung, thời điểm, ai gọi) đã được viết ra và đội bán hàng đồng ý.',
                en: 'How potential customers are nurtured (content, timing, who calls) is written down, and the sales team agrees with it.',
              },
              reality: {
                vi: 'Mọi khách tiềm năng mới đều được đưa vào kịch bản chăm sóc, và không cơ hội nào bị bỏ quên ở một bước.',
                en: 'Every new potential customer is enrolled in the nurturing playbook, and no deal is forgotten in a stage.',
              },
              weight: 1,
              indicators: ['stage_conversion', 'time_in_stage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật kịch bản chăm sóc khách hàng tiềm năng có sẵn (giới thiệu ngay, gọi sau 2 ngày, gửi email sau 7 ngày).',
                    en: 'Turn on the built-in potential-customer playbook (an introduction at once, a call after 2 days, an email after 7).',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
        {
          key: 'new',
          name: { vi: 'Khách hàng mới', en: 'New customers' },
          practices: [
            {
              id: 'care.group_care.3',
              text: {
                vi: 'Khách mới được chào đón có chủ đích: cảm ơn ngay sau lần mua đầu, được hỏi thăm sau vài ngày, được hỏi mức hài lòng sau khoảng một tháng và được nhắc khi đến kỳ mua lại.',
                en: 'New customers are welcomed on purpose: thanked right after the first purchase, called a few days later, asked how satisfied they are after about a month, and reminded when it is time to buy again.',
              },
              intention: {
                vi: 'Cách chào đón khách mới đã được thống nhất, kể cả ai gọi và gọi khi nào.',
                en: 'The welcome routine for new customers is agreed, including who calls and when.',
              },
              reality: {
                vi: 'Gần như mọi khách mới đều được đưa vào kịch bản chào đón, và các bước được làm đúng hạn.',
                en: 'Nearly every new customer is enrolled in the welcome playbook, and its steps are done on time.',
              },
              weight: 1,
              indicators: ['playbook_coverage_new'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật tự động áp dụng cho kịch bản chăm sóc khách hàng mới.',
                    en: 'Turn on automatic enrolment for the new-customer playbook.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
          ],
        },
        {
          key: 'loyal',
          name: { vi: 'Khách hàng trung thành', en: 'Loyal customers' },
          practices: [
            {
              id: 'care.group_care.4',
              text: {
                vi: 'Khách trung thành được chăm sóc sau bán thường xuyên và được tri ân rõ ràng: lời cảm ơn khi lên hạng, cuộc gọi định kỳ, ưu tiên khi cần hỗ trợ.',
                en: 'Loyal customers get regular after-sales care and visible thanks: a thank-you when they move up a tier, regular calls, priority when they need help.',
              },
              intention: {
                vi: 'Quyền lợi và nhịp chăm sóc dành cho khách trung thành đã được quyết định, và mọi nhân viên đều biết.',
                en: 'The benefits and the care rhythm for loyal customers are decided, and every employee knows them.',
              },
              reality: {
                vi: 'Mọi khách trung thành đều được chăm sóc theo kịch bản, và rất ít người trong số họ có dấu hiệu rời bỏ.',
                en: 'Every loyal customer is cared for through a playbook, and very few of them show signs of leaving.',
              },
              weight: 1,
              indicators: ['churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật kịch bản tri ân khách hàng thân thiết có sẵn.',
                    en: 'Turn on the built-in loyal-customer appreciation playbook.',
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
      key: 'complaints',
      name: { vi: 'Khắc phục vấn đề của khách hàng', en: 'Fixing customers’ problems' },
      summary: {
        vi: 'Khi khách gặp sự cố: xin lỗi, tìm ra nguyên nhân và khắc phục nhanh nhất có thể, rồi sửa tận gốc để sự cố không lặp lại.',
        en: 'When a customer has a problem: apologise, find the cause and fix it as fast as possible, then fix the root so it does not happen again.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'apologise',
          name: { vi: 'Tiếp nhận và xin lỗi', en: 'Taking it in and apologising' },
          practices: [
            {
              id: 'care.complaints.1',
              text: {
                vi: 'Mọi khiếu nại, dù đến qua kênh nào (điện thoại, Zalo, bình luận Facebook, tại quầy), đều được ghi thành yêu cầu hỗ trợ có người phụ trách, không xử lý miệng rồi quên.',
                en: 'Every complaint, whatever channel it comes through (phone, Zalo, a Facebook comment, at the counter), becomes a ticket with an owner — never handled by word of mouth and forgotten.',
              },
              intention: {
                vi: 'Mọi nhân viên tiếp xúc với khách đều biết phải ghi khiếu nại thành yêu cầu hỗ trợ và chuyển cho ai.',
                en: 'Everyone who deals with customers knows to log a complaint as a ticket, and whom it goes to.',
              },
              reality: {
                vi: 'Khiếu nại từ mọi kênh đều có trong hệ thống, và không yêu cầu nào nằm lâu mà chưa có người phụ trách.',
                en: 'Complaints from every channel are in the system, and no ticket sits long without an owner.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Giao người phụ trách cho các yêu cầu đang bỏ trống, và thống nhất cách ghi khiếu nại từ từng kênh.',
                    en: 'Give the unassigned tickets an owner, and agree how complaints from each channel are logged.',
                  },
                  screen: 'tickets',
                },
              ],
            },
            {
              id: 'care.complaints.2',
              text: {
                vi: 'Khách nhanh chóng nhận được xác nhận và lời xin lỗi (phản hồi đầu tiên trong thời hạn SLA), và biết tên người đang xử lý.',
                en: 'The customer quickly hears that the complaint was received, with an apology (a first response within the SLA), and knows the name of the person handling it.',
              },
              intention: {
                vi: 'Thời hạn phản hồi đầu tiên và câu trả lời mẫu có lời xin lỗi đã được thống nhất.',
                en: 'The first-response target and a canned reply with an apology are agreed.',
              },
              reality: {
                vi: 'Gần như mọi khiếu nại được phản hồi lần đầu trong thời hạn.',
                en: 'Nearly every complaint gets its first response on time.',
              },
              weight: 1,
              indicators: ['sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đặt thời hạn phản hồi đầu tiên và soạn câu trả lời mẫu xin lỗi khách.',
                    en: 'Set the first-response target and write a canned reply that apologises.',
                  },
                  screen: 'settings_care',
                },
              ],
            },
          ],
        },
        {
          key: 'cause',
          name: { vi: 'Tìm nguyên nhân', en: 'Finding the cause' },
          practices: [
            {
              id: 'care.complaints.3',
              text: {
                vi: 'Mỗi khiếu nại được phân loại theo nguyên nhân (sản phẩm, giao hàng, nhân viên, giá…), và các nguyên nhân lặp lại được xem xét mỗi tháng để sửa tận gốc.',
                en: 'Each complaint is categorised by cause (product, delivery, staff, price…), and recurring causes are reviewed monthly and fixed at the root.',
              },
              intention: {
                vi: 'Danh mục nguyên nhân và buổi xem xét hằng tháng đã được thống nhất, và mỗi nguyên nhân có người chịu trách nhiệm sửa.',
                en: 'A list of causes and a monthly review are agreed, and each cause has someone responsible for fixing it.',
              },
              reality: {
                vi: 'Gần như mọi yêu cầu đã đóng đều có loại, và những nguyên nhân hay gặp nhất đã giảm sau khi được sửa.',
                en: 'Nearly every closed ticket has a category, and the most frequent causes have fallen after being fixed.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Đặt các loại yêu cầu hỗ trợ theo nguyên nhân.', en: 'Set up ticket categories by cause.' },
                  screen: 'settings_care',
                },
                {
                  kind: 'strategic',
                  text: {
                    vi: 'Mỗi tháng, xem các loại yêu cầu nhiều nhất và giao cho mỗi loại một người sửa tận gốc.',
                    en: 'Each month, look at the most frequent ticket categories and give each one a person to fix it at the root.',
                  },
                  screen: 'care_reports',
                },
              ],
            },
          ],
        },
        {
          key: 'resolve',
          name: { vi: 'Khắc phục nhanh', en: 'Resolving fast' },
          practices: [
            {
              id: 'care.complaints.4',
              text: {
                vi: 'Vấn đề được khắc phục nhanh: thời gian giải quyết khiếu nại được đo, nằm trong mục tiêu, và khách xác nhận vấn đề đã được giải quyết.',
                en: 'Problems are fixed fast: the time to resolve complaints is measured and within target, and the customer confirms the problem is solved.',
              },
              intention: {
                vi: 'Mục tiêu thời gian giải quyết theo mức độ nghiêm trọng đã được đặt ra, và cả đội cam kết thực hiện.',
                en: 'Resolution targets by severity are set, and the team is committed to them.',
              },
              reality: {
                vi: 'Thời gian giải quyết trung vị nằm trong mục tiêu, và gần như mọi yêu cầu đạt SLA.',
                en: 'The median time to resolve is within target, and nearly every ticket meets its SLA.',
              },
              weight: 2,
              indicators: ['complaint_resolution_time', 'sla_attainment'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lọc các yêu cầu sắp quá hạn hoặc đã quá hạn và xử lý chúng trước.',
                    en: 'Filter the tickets close to or past their deadline and deal with them first.',
                  },
                  screen: 'tickets',
                },
              ],
            },
            {
              id: 'care.complaints.5',
              text: {
                vi: 'Sau khi giải quyết, khách được hỏi có hài lòng không; ai vẫn chưa hài lòng được gọi lại trong vòng một tuần.',
                en: 'Once it is resolved, the customer is asked whether they are satisfied; anyone still unhappy is called back within a week.',
              },
              intention: {
                vi: 'Khảo sát sau hỗ trợ, và người gọi lại khách chưa hài lòng, đã được quy định.',
                en: 'A post-support survey, and who calls unhappy customers back, are settled.',
              },
              reality: {
                vi: 'CSAT sau hỗ trợ được theo dõi, và gần như mọi khách chưa hài lòng được liên hệ lại trong bảy ngày.',
                en: 'Post-support CSAT is tracked, and nearly every unhappy customer is contacted within seven days.',
              },
              weight: 1,
              indicators: ['csat', 'detractor_follow_up'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Đọc các câu trả lời không hài lòng và các yêu cầu theo dõi mà chúng đã mở.',
                    en: 'Read the unhappy answers and the follow-up tickets they opened.',
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
      key: 'sale_cycle',
      name: { vi: 'Chăm sóc trước, trong và sau bán', en: 'Care before, during and after the sale' },
      summary: {
        vi: 'Tư vấn chu đáo trước khi khách mua, ghi nhớ thông tin của khách trong lúc bán, và hỏi thăm sau khi khách đã dùng sản phẩm.',
        en: 'Advise with care before the purchase, remember the customer during the sale, and ask how things are going once they use the product.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'before',
          name: { vi: 'Trước bán', en: 'Before the sale' },
          practices: [
            {
              id: 'care.sale_cycle.1',
              text: {
                vi: 'Trước khi bán, nhân viên tìm hiểu nhu cầu và tư vấn đầy đủ; mỗi cơ hội bán hàng được theo dõi trong quy trình, có bước tiếp theo và ngày hẹn.',
                en: 'Before the sale, staff find out what the customer needs and advise fully; each deal is tracked in the pipeline with a next step and a date.',
              },
              intention: {
                vi: 'Các bước tư vấn và quy trình bán hàng đã được viết ra, và đội bán hàng đồng ý với chúng.',
                en: 'The advice steps and the sales pipeline are written down, and the sales team agrees with them.',
              },
              reality: {
                vi: 'Mọi cơ hội đang mở đều có bước tiếp theo và không nằm quá lâu ở một bước, và tỷ lệ chốt được theo dõi.',
                en: 'Every open deal has a next step and does not sit too long in one stage, and the win rate is followed.',
              },
              weight: 1,
              indicators: ['stage_conversion', 'time_in_stage'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Rà bảng cơ hội, cập nhật bước và giao việc tiếp theo cho những cơ hội đang đứng yên.',
                    en: 'Go through the deals board, update stages and give stalled deals a next task.',
                  },
                  screen: 'deals',
                },
              ],
            },
          ],
        },
        {
          key: 'during',
          name: { vi: 'Trong khi bán', en: 'During the sale' },
          practices: [
            {
              id: 'care.sale_cycle.2',
              text: {
                vi: 'Trong lúc bán, những gì đã biết về khách (lần mua trước, ưa thích, ưu đãi đang có) được dùng ngay, và đơn hàng được ghi đúng người mua để khách không phải khai lại.',
                en: 'During the sale, what is known about the customer (past purchases, preferences, current benefits) is used at once, and the order is recorded against the right buyer so the customer repeats nothing.',
              },
              intention: {
                vi: 'Nhân viên bán hàng đã được hướng dẫn tra hồ sơ khách khi lên đơn và đồng ý làm như vậy.',
                en: 'Salespeople have been shown how to look up the customer when taking an order, and agree to do it.',
              },
              reality: {
                vi: 'Gần như mọi đơn hàng đều gắn với một khách có hồ sơ, không phải một “khách lẻ” vô danh.',
                en: 'Nearly every order is linked to a customer with a record, not an anonymous walk-in.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Ghi đơn hàng gắn với hồ sơ khách, kèm sản phẩm và kênh bán.',
                    en: 'Record orders against the customer’s record, with the products and the sales channel.',
                  },
                  screen: 'orders',
                },
              ],
            },
          ],
        },
        {
          key: 'after',
          name: { vi: 'Sau bán', en: 'After the sale' },
          practices: [
            {
              id: 'care.sale_cycle.3',
              text: {
                vi: 'Sau khi khách mua hàng hoặc dùng dịch vụ, có người hỏi thăm trong vài ngày xem sản phẩm dùng thế nào và khách có cần hỗ trợ gì không.',
                en: 'After a purchase or a service, someone checks in within a few days to ask how the product is going and whether any help is needed.',
              },
              intention: {
                vi: 'Việc hỏi thăm sau bán đã có quy trình: ai gọi, sau bao lâu, hỏi những gì.',
                en: 'After-sale check-ins have a routine: who calls, how soon, what to ask.',
              },
              reality: {
                vi: 'Gần như mọi khách mới đều được đưa vào kịch bản hỏi thăm, và các cuộc gọi được thực hiện đúng hạn.',
                en: 'Nearly every new customer is enrolled in the check-in playbook, and the calls happen on time.',
              },
              weight: 2,
              indicators: ['playbook_coverage_new'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Dùng kịch bản chăm sóc khách hàng mới có sẵn: kịch bản này giao việc gọi hỏi thăm sau 3 ngày.',
                    en: 'Use the built-in new-customer playbook: it schedules a check-in call after 3 days.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'care.sale_cycle.4',
              text: {
                vi: 'Khách được mời đánh giá sau khi mua và sau khi được phục vụ, và kết quả được dùng để cải thiện sản phẩm và cách phục vụ.',
                en: 'Customers are invited to rate the purchase and the service afterwards, and the results are used to improve the products and the service.',
              },
              intention: {
                vi: 'Khảo sát sau bán, thời điểm gửi và người đọc kết quả đã được chọn.',
                en: 'The after-sale survey, when it goes out and who reads the results are chosen.',
              },
              reality: {
                vi: 'Đủ khách trả lời để kết quả đáng tin, và trong năm qua đã có thay đổi cụ thể xuất phát từ ý kiến của khách.',
                en: 'Enough customers answer for the results to be trusted, and concrete changes in the past year came from their answers.',
              },
              weight: 1,
              indicators: ['survey_response_rate', 'csat'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Tạo một khảo sát CSAT ngắn sau mua và gửi qua đường dẫn cá nhân.',
                    en: 'Build a short after-purchase CSAT survey and send it by personal link.',
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
      key: 'loyalty_marketing',
      name: { vi: 'Marketing từ khách hàng trung thành', en: 'Loyalty marketing' },
      summary: {
        vi: 'Biến những khách trung thành, hài lòng thành người giới thiệu khách mới, và tri ân họ bằng ưu đãi và quyền lợi xứng đáng.',
        en: 'Turn loyal, satisfied customers into people who bring in new ones, and thank them with fitting rewards and benefits.',
      },
      weight: 1,
      subComponents: [
        {
          key: 'rewards',
          name: { vi: 'Tri ân và ưu đãi', en: 'Rewards and benefits' },
          practices: [
            {
              id: 'care.loyalty_marketing.1',
              text: {
                vi: 'Có chương trình khách hàng thân thiết (điểm, hạng thành viên, quyền lợi) mà khách và nhân viên đều biết, áp dụng cho mọi đơn hàng ở mọi kênh.',
                en: 'There is a loyalty programme (points, membership tiers, benefits) that customers and staff know, applied to every order on every channel.',
              },
              intention: {
                vi: 'Quy tắc tích điểm, các hạng và quyền lợi đã được quyết định và công bố.',
                en: 'The rules for points, tiers and benefits are decided and published.',
              },
              reality: {
                vi: 'Điểm và hạng được cập nhật theo mọi đơn hàng, và khách trong chương trình quay lại mua thường xuyên hơn.',
                en: 'Points and tiers follow every order, and members come back to buy more often.',
              },
              weight: 2,
              indicators: ['repeat_purchase_rate'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Thiết lập tỷ lệ tích điểm, các hạng thành viên và quyền lợi của từng hạng.',
                    en: 'Set the points rate, the membership tiers and each tier’s benefits.',
                  },
                  screen: 'settings_loyalty',
                },
              ],
            },
            {
              id: 'care.loyalty_marketing.2',
              text: {
                vi: 'Khách trung thành lâu không quay lại được liên hệ riêng, kèm một lời mời hoặc ưu đãi hợp với họ, để kéo họ trở lại.',
                en: 'Loyal customers who have stopped coming back are contacted personally, with an invitation or an offer that suits them, to bring them back.',
              },
              intention: {
                vi: 'Đã quyết định khi nào một khách trung thành được coi là đã rời đi, và họ được mời lại bằng ưu đãi gì.',
                en: 'When a loyal customer counts as lapsed, and what they are offered to come back, is decided.',
              },
              reality: {
                vi: 'Khách đã rời đi được liên hệ đều đặn, và một phần trong số họ mua lại trong kỳ.',
                en: 'Lapsed customers are contacted routinely, and some of them buy again in the period.',
              },
              weight: 1,
              indicators: ['win_back_rate', 'churn_share'],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Lưu phân khúc “Không thể để mất” (khách từng mua nhiều nhưng lâu không quay lại) và gắn một kịch bản mời quay lại.',
                    en: 'Save a “Can’t lose them” segment (big past buyers who stopped coming) and attach a win-back playbook.',
                  },
                  screen: 'segments',
                },
              ],
            },
          ],
        },
        {
          key: 'referrals',
          name: { vi: 'Giới thiệu khách mới', en: 'Referrals' },
          practices: [
            {
              id: 'care.loyalty_marketing.3',
              text: {
                vi: 'Khách trung thành và hài lòng được mời giới thiệu bạn bè vào đúng lúc (khi vừa lên hạng, sau khi chấm NPS cao) bằng lời mời cá nhân kèm mã giới thiệu.',
                en: 'Loyal, satisfied customers are asked to refer friends at the right moment (after moving up a tier, after a high NPS score), with a personal invitation and a referral code.',
              },
              intention: {
                vi: 'Thời điểm và cách mời giới thiệu đã được thống nhất, kèm phần thưởng cho cả hai bên.',
                en: 'When and how to ask for referrals is agreed, with a reward for both sides.',
              },
              reality: {
                vi: 'Khách trung thành đều nhận được lời mời giới thiệu, và một phần đáng kể khách mới đến từ giới thiệu.',
                en: 'Every loyal customer gets a referral invitation, and a real share of new customers comes through referrals.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Bật kịch bản tri ân khách hàng thân thiết có sẵn: kịch bản này mời giới thiệu 14 ngày sau khi khách trở thành khách trung thành.',
                    en: 'Turn on the built-in loyal-customer playbook: it asks for a referral 14 days after a customer becomes loyal.',
                  },
                  screen: 'playbooks',
                },
              ],
            },
            {
              id: 'care.loyalty_marketing.4',
              text: {
                vi: 'Mỗi lượt giới thiệu được ghi lại (ai giới thiệu ai), và người giới thiệu được thưởng khi khách mới thanh toán đơn hàng đầu tiên.',
                en: 'Each referral is recorded (who referred whom), and the referrer is rewarded when the new customer pays for a first order.',
              },
              intention: {
                vi: 'Cách ghi nhận và mức thưởng giới thiệu đã được công bố cho nhân viên và khách hàng.',
                en: 'How referrals are recorded and rewarded is published to staff and customers.',
              },
              reality: {
                vi: 'Người giới thiệu được ghi trên hồ sơ của mọi khách đến qua giới thiệu, và phần thưởng được trao đúng hạn.',
                en: 'The referrer is on the record of every customer who came by referral, and rewards are given on time.',
              },
              weight: 1,
              indicators: [],
              actions: [
                {
                  kind: 'quick_win',
                  text: { vi: 'Ghi nhận người giới thiệu trên trang của khách mới.', en: 'Record the referrer on the new customer’s page.' },
                  screen: 'contacts',
                },
                {
                  kind: 'quick_win',
                  text: {
                    vi: 'Xem bảng xếp hạng người giới thiệu và cảm ơn những người dẫn đầu.',
                    en: 'Check the referrers’ leaderboard and thank the people at the top.',
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
