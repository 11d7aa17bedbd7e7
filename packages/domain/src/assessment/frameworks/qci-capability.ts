import type { Area } from '../framework.ts';

/*
 * The QCI-model health check, its four capability areas: people and organisation, information and technology,
 * process management, measurement (the lead assembles them with the customer-facing areas in `qci.ts`).
 *
 * From the model's published breakdown: the areas themselves, and the five sub-components of information and
 * technology (sourcing and understanding customer information, information planning and quality management,
 * functions of existing systems, review of current systems, development of new systems).
 * Kith's own: the sub-components of people and organisation, process management and measurement (the model does not
 * publish them; they carry `ownBreakdown: true`), the data-protection and access-control practices added to
 * information and technology, and every practice's text, its Intention and Reality descriptions, weight, indicators and
 * actions. No question text of the commercial assessment is used.
 */
export const qciCapabilityAreas: readonly Area[] = [
  // ─── 1. People and organisation ───────────────────────────────────────────────────────────────────────────────────
  {
    key: 'people_organisation',
    name: { vi: 'Con người và tổ chức', en: 'People and organisation' },
    summary: {
      vi: 'Đúng người ở đúng việc với khách hàng: vai trò rõ ràng, khách hàng nào cũng có người phụ trách, nhân viên được đào tạo, khối lượng công việc hợp lý, khen thưởng minh bạch và một văn hoá lấy khách hàng làm trung tâm.',
      en: 'The right people in the right customer jobs: clear roles, an owner for every customer, trained staff, a fair workload, transparent rewards and a culture built around the customer.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'roles',
        name: { vi: 'Vai trò và trách nhiệm', en: 'Roles and responsibilities' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.roles.1',
            text: {
              vi: 'Mỗi việc với khách hàng — tiếp nhận khách mới, tư vấn bán hàng, chăm sóc sau bán, xử lý khiếu nại, rà soát các lần tương tác — đều thuộc về một vai trò cụ thể, được mô tả bằng văn bản: làm gì, với nhóm khách hàng nào, báo cáo cho ai.',
              en: 'Every piece of customer work — taking in new enquiries, selling, after-sales care, handling complaints, reviewing interactions — belongs to a named role, written down: what it does, for which customers, and who it reports to.',
            },
            intention: {
              vi: 'Bảng vai trò đã được lãnh đạo duyệt, phổ biến cho mọi người, và ai cũng biết phần việc của mình.',
              en: 'A chart of roles approved by the leadership and shared with everyone; each person knows their part.',
            },
            reality: {
              vi: 'Việc nào với khách hàng cũng có vai trò đứng sau; không việc nào bị bỏ sót hay bị hai người làm chồng lên nhau.',
              en: 'Every customer task has a role behind it; nothing falls through the cracks and nothing is done twice.',
            },
            weight: 2,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Viết mô tả vai trò cho từng vị trí làm việc với khách hàng', en: 'Write a role description for each customer-facing position' },
                screen: 'settings_roles',
              },
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo các nhóm (bán hàng, chăm sóc khách hàng, marketing) và xếp mỗi thành viên vào đúng nhóm',
                  en: 'Create the teams (sales, care, marketing) and put each member in the right one',
                },
                screen: 'settings_teams',
              },
            ],
          },
          {
            id: 'po.roles.2',
            text: {
              vi: 'Có một người trong ban lãnh đạo chịu trách nhiệm chung về quản lý khách hàng, từ marketing, bán hàng đến chăm sóc, và chịu trách nhiệm về kết quả.',
              en: 'One person in the leadership is accountable for customer management as a whole — marketing, sales and care — and answers for its results.',
            },
            intention: {
              vi: 'Người chịu trách nhiệm đã được chỉ định chính thức và cả công ty đều biết.',
              en: 'The accountable person is formally named and the whole company knows who it is.',
            },
            reality: {
              vi: 'Người này xem số liệu khách hàng hằng tháng, phân xử khi các bộ phận vướng nhau, và được đánh giá theo kết quả đó.',
              en: 'That person reviews the customer figures every month, settles conflicts between teams, and is judged on the results.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Chỉ định một người chịu trách nhiệm chung về khách hàng và công bố cho toàn công ty',
                  en: 'Name one person accountable for customer management and announce it to the company',
                },
                screen: 'settings_members',
              },
            ],
          },
        ],
      },
      {
        key: 'ownership',
        name: { vi: 'Người phụ trách và phân công', en: 'Ownership and assignment' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.owner.1',
            text: {
              vi: 'Mỗi khách hàng đang giao dịch, mỗi cơ hội bán hàng và mỗi yêu cầu hỗ trợ đang mở đều có một người phụ trách cụ thể.',
              en: 'Every active customer, every open deal and every open ticket has one named owner.',
            },
            intention: {
              vi: 'Đã thống nhất rằng không khách hàng nào bị để "vô chủ", và ai phụ trách nhóm khách hàng nào.',
              en: 'It is agreed that no customer is left without an owner, and who owns which customers.',
            },
            reality: {
              vi: 'Gần như mọi khách hàng, cơ hội và yêu cầu đang mở đều có người phụ trách trên CRM, và người đó thực sự theo sát họ.',
              en: 'Nearly all customers, deals and open tickets have an owner in the CRM, and that owner really looks after them.',
            },
            weight: 2,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lọc các khách hàng chưa có người phụ trách và giao cho người phù hợp',
                  en: 'Filter the customers without an owner and assign each one',
                },
                screen: 'contacts',
              },
            ],
          },
          {
            id: 'po.owner.2',
            text: {
              vi: 'Khách hàng mới đến từ bất kỳ kênh nào (website, điện thoại, cửa hàng, sàn thương mại điện tử) đều được giao người phụ trách theo một quy tắc đã thống nhất, ngay trong ngày.',
              en: 'A new customer from any channel (website, phone, shop, marketplace) is given an owner by an agreed rule, the same day.',
            },
            intention: {
              vi: 'Quy tắc phân công theo kênh, khu vực hoặc nhóm khách hàng đã được viết ra và mọi người đều biết.',
              en: 'The assignment rule — by channel, region or customer group — is written down and known to everyone.',
            },
            reality: {
              vi: 'Khách hàng và yêu cầu mới được phân công tự động hoặc trong ngày; không ai phải hỏi "khách này của ai?".',
              en: 'New customers and requests are assigned automatically or within the day; nobody has to ask whose customer this is.',
            },
            weight: 1,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Bật phân công yêu cầu theo nhóm để yêu cầu mới tự có người nhận',
                  en: 'Turn on team assignment so new tickets get an owner automatically',
                },
                screen: 'settings_teams',
              },
            ],
          },
          {
            id: 'po.owner.3',
            text: {
              vi: 'Khi một nhân viên nghỉ việc, chuyển bộ phận hay nghỉ dài ngày, khách hàng và việc đang dở của họ được bàn giao cho người khác trong tuần, kèm ghi chú đầy đủ.',
              en: 'When someone leaves, changes team or is away for long, their customers and unfinished work are handed to someone else within the week, with full notes.',
            },
            intention: {
              vi: 'Có danh sách các việc phải làm khi bàn giao, và quản lý trực tiếp chịu trách nhiệm thực hiện.',
              en: 'There is a handover checklist, and the line manager is responsible for carrying it out.',
            },
            reality: {
              vi: 'Sau mỗi lần thay đổi nhân sự, không còn khách hàng, cơ hội hay yêu cầu nào đứng tên người đã rời đi.',
              en: 'After every staff change, no customer, deal or ticket is left in the name of someone who has gone.',
            },
            weight: 1,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Chuyển khách hàng, cơ hội và yêu cầu của người đã nghỉ sang người phụ trách mới',
                  en: 'Move the customers, deals and tickets of people who have left to a new owner',
                },
                screen: 'settings_members',
              },
            ],
          },
        ],
      },
      {
        key: 'skills',
        name: { vi: 'Kỹ năng và đào tạo', en: 'Skills and training' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.skills.1',
            text: {
              vi: 'Mỗi vị trí làm việc với khách hàng có danh sách kỹ năng cần có (hiểu sản phẩm, lắng nghe, xử lý khiếu nại, sử dụng CRM), và nhân viên mới được đào tạo đủ trước khi tự mình phục vụ khách.',
              en: 'Each customer-facing position has a list of the skills it needs (product knowledge, listening, handling complaints, using the CRM), and new staff are trained in them before serving customers on their own.',
            },
            intention: {
              vi: 'Chương trình đào tạo cho người mới đã được soạn, có người phụ trách và thời lượng rõ ràng.',
              en: 'An induction programme is written, with someone in charge of it and a set duration.',
            },
            reality: {
              vi: 'Mọi nhân viên làm việc với khách hàng đều có hồ sơ đào tạo; không ai tự phục vụ khách trước khi hoàn thành.',
              en: 'Every customer-facing member has a training record; nobody serves customers alone before completing it.',
            },
            weight: 1,
            indicators: ['training_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Lập khung kỹ năng và chương trình đào tạo người mới cho từng vị trí',
                  en: 'Set out the skills and an induction programme for each position',
                },
                screen: 'settings_members',
              },
            ],
          },
          {
            id: 'po.skills.2',
            text: {
              vi: 'Nhân viên được đào tạo lại định kỳ — ít nhất mỗi năm một lần và mỗi khi sản phẩm, chính sách hay quy trình thay đổi — và bài học từ các khiếu nại được đưa vào nội dung đào tạo.',
              en: 'Staff are retrained regularly — at least once a year and whenever a product, a policy or a process changes — and lessons from complaints go into the training.',
            },
            intention: {
              vi: 'Có lịch đào tạo cả năm, gắn với những thay đổi đã biết trước.',
              en: "There is a year's training calendar, tied to the changes known in advance.",
            },
            reality: {
              vi: 'Hồ sơ đào tạo của mọi người đều được cập nhật trong năm qua; các lỗi hay gặp trong khiếu nại giảm sau đào tạo.',
              en: "Everyone's training record was updated in the past year; the mistakes most seen in complaints fall after training.",
            },
            weight: 1,
            indicators: ['training_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Lên kế hoạch đào tạo lại hằng năm, lấy các khiếu nại gần đây làm tình huống thực hành',
                  en: 'Plan a yearly refresher, using recent complaints as practice cases',
                },
                screen: 'tickets',
              },
            ],
          },
        ],
      },
      {
        key: 'workload',
        name: { vi: 'Khối lượng công việc và mùa cao điểm', en: 'Workload and peak pressure' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.load.1',
            text: {
              vi: 'Khách hàng, cơ hội và yêu cầu đang mở được chia hợp lý giữa mọi người; quản lý xem khối lượng việc của từng người hằng tuần và điều chỉnh trước khi việc bị dồn ứ.',
              en: "Open customers, deals and tickets are spread fairly across people; managers look at each person's load every week and rebalance before a backlog builds.",
            },
            intention: {
              vi: 'Đã thống nhất mức tải hợp lý cho mỗi vị trí và cách chia lại việc khi có người quá tải.',
              en: 'A reasonable load per position is agreed, and how work is moved when someone is overloaded.',
            },
            reality: {
              vi: 'Không ai phải ôm gấp đôi việc của đồng nghiệp cùng nhóm nhiều tuần liền; việc được chia lại kịp thời.',
              en: "Nobody carries twice their teammates' load for weeks on end; work is moved in time.",
            },
            weight: 1,
            indicators: ['workload_balance'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem các yêu cầu đang mở theo người xử lý và chuyển bớt việc của người quá tải',
                  en: 'List open tickets by agent and move work away from whoever is overloaded',
                },
                screen: 'tickets',
              },
            ],
          },
          {
            id: 'po.load.2',
            text: {
              vi: 'Mùa cao điểm (Tết, mùa khuyến mãi, ra mắt sản phẩm) được chuẩn bị trước: thêm người hoặc thêm ca trực, thống nhất việc ưu tiên, để khách hàng vẫn được trả lời đúng hẹn.',
              en: 'Peak periods (Tết, sales seasons, product launches) are prepared for: extra people or shifts and agreed priorities, so customers are still answered on time.',
            },
            intention: {
              vi: 'Kế hoạch cho từng mùa cao điểm được lập trước ít nhất một tháng và phổ biến tới các nhóm.',
              en: 'A plan for each peak is made at least a month ahead and shared with the teams.',
            },
            reality: {
              vi: 'Trong mùa cao điểm gần nhất, việc vẫn được chia đều và các yêu cầu vẫn đạt cam kết thời gian xử lý.',
              en: 'In the last peak, the load stayed balanced and tickets still met their service levels.',
            },
            weight: 1,
            indicators: ['workload_balance', 'sla_attainment'],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Lập kế hoạch nhân sự và ca trực cho mùa cao điểm sắp tới', en: 'Plan the staffing and shifts for the next peak' },
                screen: 'settings_teams',
              },
            ],
          },
        ],
      },
      {
        key: 'recognition',
        name: { vi: 'Ghi nhận, khen thưởng và xử lý vi phạm', en: 'Recognition, reward and penalty' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.reward.1',
            text: {
              vi: 'Mỗi nhân viên có KPI cho phần việc với khách hàng, được thống nhất với chính họ, và tự xem được kết quả của mình.',
              en: 'Each member has KPIs for their customer work, agreed with them, and can see their own results.',
            },
            intention: {
              vi: 'Bộ KPI cho từng vị trí đã được thống nhất và nhân viên hiểu cách tính.',
              en: 'The KPIs of each position are agreed and staff understand how they are computed.',
            },
            reality: {
              vi: 'Mọi nhân viên làm việc với khách hàng đều có KPI trên hệ thống và xem kết quả ít nhất hằng tháng.',
              en: 'Every customer-facing member has KPIs in the system and looks at the results at least monthly.',
            },
            weight: 1,
            indicators: ['kpi_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Thống nhất KPI cho từng vị trí và gán cho từng thành viên', en: 'Agree the KPIs of each position and give them to each member' },
                screen: 'settings_members',
              },
            ],
          },
          {
            id: 'po.reward.2',
            text: {
              vi: 'Khen thưởng dựa trên tiêu chí công bố từ trước — không chỉ doanh số mà cả mức hài lòng của khách, khách giữ chân được, khiếu nại được giải quyết — và vi phạm (bỏ mặc khách, hứa sai, dùng sai dữ liệu khách hàng) được xử lý công bằng, minh bạch.',
              en: 'Rewards follow criteria published in advance — not only sales but customer satisfaction, customers kept and complaints resolved — and breaches (ignoring a customer, false promises, misusing customer data) are dealt with fairly and openly.',
            },
            intention: {
              vi: 'Quy chế khen thưởng và xử lý vi phạm đã được viết ra, phổ biến, và nhân viên đồng thuận.',
              en: 'The reward and penalty rules are written, shared, and accepted by the staff.',
            },
            reality: {
              vi: 'Mọi lần khen thưởng hay xử lý trong năm đều theo đúng quy chế, có số liệu kèm theo, và nhân viên thấy là công bằng.',
              en: 'Every reward and penalty this year followed the rules, with the figures behind it, and staff see it as fair.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Viết quy chế khen thưởng dựa trên số liệu ai cũng xem được: tỷ lệ đạt SLA, mức hài lòng theo từng người',
                  en: 'Write reward rules on figures everyone can see: SLA attainment and satisfaction per person',
                },
                screen: 'care_reports',
              },
            ],
          },
        ],
      },
      {
        key: 'leadership',
        name: { vi: 'Lãnh đạo và văn hoá lấy khách hàng làm trung tâm', en: 'Leadership and a customer-centred culture' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.lead.1',
            text: {
              vi: 'Ban lãnh đạo xem số liệu về khách hàng (khách mới, khách quay lại, khách rời bỏ, mức hài lòng) trong các cuộc họp định kỳ và ra quyết định dựa trên đó.',
              en: 'The leadership reviews customer figures (new, returning and lost customers, satisfaction) in its regular meetings and decides on them.',
            },
            intention: {
              vi: 'Số liệu khách hàng là mục cố định trong chương trình họp của ban lãnh đạo.',
              en: "Customer figures are a standing item on the leadership's agenda.",
            },
            reality: {
              vi: 'Biên bản các cuộc họp gần đây cho thấy quyết định được đưa ra từ số liệu khách hàng, và các quyết định đó đã được thực hiện.',
              en: 'Recent minutes show decisions taken on customer figures, and those decisions carried out.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đưa trang phân tích khách hàng vào chương trình họp lãnh đạo hằng tháng',
                  en: 'Put the customer analytics page on the monthly leadership agenda',
                },
                screen: 'analytics_customers',
              },
            ],
          },
          {
            id: 'po.lead.2',
            text: {
              vi: 'Nhân viên tuyến đầu được tự quyết trong giới hạn rõ ràng (đổi trả, tặng quà, xử lý ngoại lệ) để giải quyết vấn đề cho khách ngay, và được hỏi định kỳ điều gì đang cản trở họ phục vụ khách tốt hơn.',
              en: "Front-line staff may decide within clear limits (a return, a gift, an exception) to solve a customer's problem on the spot, and are asked regularly what stops them serving customers better.",
            },
            intention: {
              vi: 'Giới hạn tự quyết của từng vị trí đã được viết ra; nhân viên có kênh để góp ý.',
              en: "Each position's limits are written down; staff have a channel for their ideas.",
            },
            reality: {
              vi: 'Phần lớn vấn đề của khách được giải quyết ngay lần liên hệ đầu; góp ý của nhân viên đều được phản hồi và nhiều ý kiến đã được áp dụng.',
              en: 'Most customer problems are solved at the first contact; staff suggestions all get an answer and many have been put in place.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Làm một khảo sát nội bộ ngắn, hỏi nhân viên điều gì cản trở việc phục vụ khách',
                  en: 'Run a short internal survey asking staff what gets in the way of serving customers',
                },
                screen: 'surveys',
              },
            ],
          },
        ],
      },
      {
        key: 'collaboration',
        name: { vi: 'Phối hợp giữa các bộ phận', en: 'Collaboration across teams' },
        ownBreakdown: true,
        practices: [
          {
            id: 'po.collab.1',
            text: {
              vi: 'Marketing, bán hàng và chăm sóc khách hàng cùng làm việc trên một hồ sơ khách hàng: ghi chú, đơn hàng, cơ hội và yêu cầu hỗ trợ nằm một chỗ, ai cần đều xem được.',
              en: 'Marketing, sales and care work from one customer record: notes, orders, deals and tickets in one place, visible to whoever needs them.',
            },
            intention: {
              vi: 'Đã thống nhất CRM là nơi duy nhất lưu thông tin khách hàng — không sổ tay riêng, không file Excel riêng.',
              en: 'It is agreed that the CRM is the one place for customer information — no private notebooks or spreadsheets.',
            },
            reality: {
              vi: 'Mọi bộ phận đều ghi lại tương tác với khách trên CRM; khách không phải kể lại câu chuyện của mình khi được chuyển từ người này sang người khác.',
              en: 'Every team records its customer interactions in the CRM; customers never have to repeat their story when passed from one person to another.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Nhập các danh sách khách hàng đang nằm trong file riêng của từng người vào CRM',
                  en: "Import the customer lists kept in people's own spreadsheets into the CRM",
                },
                screen: 'imports',
              },
            ],
          },
          {
            id: 'po.collab.2',
            text: {
              vi: 'Các bộ phận họp định kỳ về những khách hàng và vấn đề chung (chẳng hạn một khiếu nại bắt nguồn từ lời hứa lúc bán), và việc nào cần làm sau cuộc họp cũng có người nhận, có hạn chót.',
              en: 'Teams meet regularly about shared customers and problems (a complaint that comes from a sales promise, say), and every follow-up has an owner and a due date.',
            },
            intention: {
              vi: 'Lịch họp liên bộ phận đã được định sẵn và các trưởng nhóm cam kết tham gia.',
              en: 'Cross-team meetings are on the calendar and the team leads are committed to them.',
            },
            reality: {
              vi: 'Các cuộc họp diễn ra đều đặn; việc cần làm được ghi thành công việc trên CRM và phần lớn hoàn thành đúng hạn.',
              en: 'The meetings happen routinely; follow-ups become tasks in the CRM and most are done on time.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi mỗi việc cần làm sau cuộc họp thành một công việc có người nhận và hạn chót',
                  en: 'Turn each follow-up from the meeting into a task with an owner and a due date',
                },
                screen: 'tasks',
              },
            ],
          },
        ],
      },
    ],
  },

  // ─── 2. Information, data and technology (sub-components from the model's published breakdown) ───────────────────
  {
    key: 'information_technology',
    name: { vi: 'Thông tin, dữ liệu và công nghệ', en: 'Information, data and technology' },
    summary: {
      vi: 'Thu thập, lưu trữ và sử dụng thông tin khách hàng một cách đầy đủ, chính xác, an toàn và có sự đồng ý của khách; hệ thống được rà soát và nâng cấp đều đặn để theo kịp công việc.',
      en: "Customer information collected, kept and used completely, accurately, safely and with the customer's consent; the systems reviewed and improved regularly to keep up with the business.",
    },
    weight: 1,
    subComponents: [
      {
        key: 'sourcing',
        name: { vi: 'Thu thập và hiểu thông tin khách hàng', en: 'Sourcing and understanding customer information' },
        practices: [
          {
            id: 'it.source.1',
            text: {
              vi: 'Doanh nghiệp đã xác định cần có những thông tin nào về khách hàng (liên hệ, lịch sử mua, nhu cầu, kênh ưa thích) và thu thập chúng ở mọi điểm tiếp xúc: cửa hàng, website, điện thoại, sàn thương mại điện tử.',
              en: 'The business has decided which customer information it needs (contact details, purchase history, needs, preferred channel) and collects it at every touchpoint: shop, website, phone, marketplaces.',
            },
            intention: {
              vi: 'Danh sách các trường thông tin cần có và nguồn của từng trường đã được thống nhất, người nhập liệu đều nắm rõ.',
              en: 'The list of required fields and where each comes from is agreed, and everyone who enters data knows it.',
            },
            reality: {
              vi: 'Các trường quan trọng được điền đầy đủ cho gần như mọi khách hàng, ở mọi kênh.',
              en: 'The key fields are filled in for nearly every customer, from every channel.',
            },
            weight: 2,
            indicators: ['field_completeness'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Thêm các trường còn thiếu (ví dụ kênh ưa thích, nhu cầu) và đánh dấu các trường bắt buộc',
                  en: 'Add the missing fields (preferred channel, needs) and mark the required ones',
                },
                screen: 'settings_fields',
              },
            ],
          },
          {
            id: 'it.source.2',
            text: {
              vi: 'Dữ liệu từ các nguồn khác (phần mềm bán hàng, sàn thương mại điện tử, file Excel cũ) được đưa vào CRM qua các lần nhập có kiểm tra; dòng bị lỗi được xem và sửa chứ không bị bỏ qua.',
              en: 'Data from other sources (point-of-sale software, marketplaces, old spreadsheets) comes into the CRM through checked imports, and refused rows are looked at and fixed, not dropped.',
            },
            intention: {
              vi: 'Có người phụ trách việc nhập dữ liệu và quy định luôn chạy thử trước khi nhập thật.',
              en: 'Someone is in charge of imports, and the rule is always to do a dry run before the real one.',
            },
            reality: {
              vi: 'Các lần nhập gần đây hầu như không có dòng bị từ chối; dòng lỗi nào cũng đã được sửa và nhập lại.',
              en: 'Recent imports have almost no refused rows, and every refused row was fixed and imported again.',
            },
            weight: 1,
            indicators: ['import_error_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Mở tệp lỗi của lần nhập gần nhất, sửa các dòng bị từ chối và nhập lại',
                  en: 'Open the error file of the last import, fix the refused rows and import them again',
                },
                screen: 'imports',
              },
            ],
          },
          {
            id: 'it.source.3',
            text: {
              vi: 'Với mỗi khách hàng, doanh nghiệp ghi nhận rõ khách đã đồng ý hay từ chối nhận tin tiếp thị, qua kênh nào và từ khi nào, và chỉ gửi tin tiếp thị cho người đã đồng ý.',
              en: 'For every customer the business records whether they agreed to or refused marketing messages, on which channel and since when, and sends marketing only to those who agreed.',
            },
            intention: {
              vi: 'Chính sách về sự đồng ý đã được viết theo quy định bảo vệ dữ liệu cá nhân và mọi nhân viên đều biết.',
              en: 'A consent policy written to the personal-data protection rules is known to all staff.',
            },
            reality: {
              vi: 'Gần như mọi khách hàng đều có ghi nhận đồng ý hoặc từ chối; không chiến dịch nào gửi tới người chưa đồng ý.',
              en: 'Nearly every customer has a recorded consent or refusal; no campaign reaches someone who has not agreed.',
            },
            weight: 1,
            indicators: ['consent_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lọc các khách hàng chưa có ghi nhận đồng ý và hỏi lại họ ở lần liên hệ tới',
                  en: 'Filter the customers with no recorded consent and ask them at the next contact',
                },
                screen: 'contacts',
              },
            ],
          },
        ],
      },
      {
        key: 'quality',
        name: { vi: 'Lập kế hoạch và quản lý chất lượng thông tin', en: 'Information planning and quality management' },
        practices: [
          {
            id: 'it.quality.1',
            text: {
              vi: 'Có quy tắc rõ ràng về cách nhập thông tin khách hàng (định dạng số điện thoại, địa chỉ, tên công ty) và một người chịu trách nhiệm về chất lượng dữ liệu.',
              en: 'There are clear rules for entering customer information (phone number, address and company name formats) and one person responsible for data quality.',
            },
            intention: {
              vi: 'Quy tắc nhập liệu đã được viết ra, hướng dẫn cho mọi người, và có người được giao kiểm tra.',
              en: 'The data-entry rules are written and taught to everyone, and someone is given the job of checking them.',
            },
            reality: {
              vi: 'Dữ liệu được kiểm tra hằng tháng; các trường quan trọng đầy đủ và đúng định dạng.',
              en: 'The data is checked every month; key fields are complete and in the right format.',
            },
            weight: 2,
            indicators: ['field_completeness'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Viết quy tắc nhập liệu và giao một người kiểm tra chất lượng dữ liệu mỗi tháng',
                  en: 'Write the data-entry rules and give one person a monthly data-quality check',
                },
                screen: 'settings_fields',
              },
            ],
          },
          {
            id: 'it.quality.2',
            text: {
              vi: 'Khách hàng trùng lặp được phát hiện và gộp thường xuyên, để mỗi khách chỉ có một hồ sơ với đầy đủ lịch sử.',
              en: 'Duplicate customers are found and merged routinely, so each customer has one record with the whole history.',
            },
            intention: {
              vi: 'Đã quy định ai xem danh sách nghi trùng và bao lâu xem một lần.',
              en: 'It is settled who reviews the duplicates list and how often.',
            },
            reality: {
              vi: 'Danh sách nghi trùng được xử lý hằng tuần; hầu như không còn cặp nào phải chờ lâu.',
              en: 'The duplicates list is worked through every week; hardly any pair waits long.',
            },
            weight: 1,
            indicators: ['duplicates_waiting'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Xem và gộp các cặp khách hàng nghi trùng đang chờ', en: 'Review and merge the waiting duplicate pairs' },
                screen: 'duplicates',
              },
            ],
          },
          {
            id: 'it.quality.3',
            text: {
              vi: 'Hồ sơ cũ, lâu không có tương tác được rà soát định kỳ: cập nhật lại, đánh dấu đã rời bỏ, hoặc xoá theo chính sách lưu trữ dữ liệu.',
              en: 'Old records with no activity are reviewed periodically: updated, marked as lost, or deleted under the retention policy.',
            },
            intention: {
              vi: 'Có chính sách lưu trữ nói rõ giữ dữ liệu bao lâu và xử lý hồ sơ cũ thế nào.',
              en: 'A retention policy says how long data is kept and what happens to old records.',
            },
            reality: {
              vi: 'Hồ sơ không được động tới hơn một năm chỉ còn rất ít, và đều đã được xem xét.',
              en: 'Records untouched for over a year are few, and all of them have been looked at.',
            },
            weight: 1,
            indicators: ['stale_records'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lọc khách hàng không có tương tác hơn một năm và quyết định giữ, cập nhật hay đánh dấu đã mất',
                  en: 'Filter the customers untouched for a year and decide: keep, update or mark as lost',
                },
                screen: 'contacts',
              },
            ],
          },
        ],
      },
      {
        key: 'existing_systems',
        name: { vi: 'Chức năng của hệ thống hiện có', en: 'Functions of existing systems' },
        practices: [
          {
            id: 'it.systems.1',
            text: {
              vi: 'Những chức năng sẵn có của hệ thống (phân khúc khách hàng, kịch bản chăm sóc, khảo sát, báo cáo) được mọi người biết đến và sử dụng, chứ không chỉ dùng như một danh bạ.',
              en: 'The functions the system already has (segments, playbooks, surveys, reports) are known and used, not just the address book.',
            },
            intention: {
              vi: 'Đã xác định mỗi bộ phận cần dùng những chức năng nào và có kế hoạch đưa vào sử dụng.',
              en: 'It is decided which functions each team should use, with a plan to bring them in.',
            },
            reality: {
              vi: 'Mỗi bộ phận dùng thường xuyên các chức năng đã chọn; các phân khúc được dùng trong kịch bản chăm sóc hoặc chiến dịch.',
              en: 'Each team routinely uses the functions chosen; segments are used by playbooks or campaigns.',
            },
            weight: 1,
            indicators: ['segments_in_use'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Bật một kịch bản chăm sóc có sẵn cho một phân khúc khách hàng', en: 'Turn on a ready-made playbook for one customer segment' },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'it.systems.2',
            text: {
              vi: 'Quyền truy cập dữ liệu khách hàng được phân theo vai trò: mỗi người chỉ xem và sửa được những gì công việc cần; tài khoản của người nghỉ việc bị khoá ngay.',
              en: "Access to customer data follows roles: each person sees and changes only what the job needs, and leavers' accounts are closed at once.",
            },
            intention: {
              vi: 'Bảng phân quyền theo vai trò đã được duyệt và được xem lại mỗi khi có thay đổi nhân sự.',
              en: 'A role-based access table is approved and reviewed at every staff change.',
            },
            reality: {
              vi: 'Mọi tài khoản đang hoạt động đều có vai trò đúng với công việc; không còn tài khoản của người đã nghỉ; khoá API không dùng đã bị thu hồi.',
              en: 'Every active account has the role its job needs; none belongs to someone who has left; unused API tokens are revoked.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Rà soát vai trò của từng thành viên và khoá các tài khoản không còn dùng',
                  en: "Review each member's role and deactivate the accounts no longer used",
                },
                screen: 'settings_members',
              },
              {
                kind: 'quick_win',
                text: { vi: 'Thu hồi các khoá API không còn dùng', en: 'Revoke the API tokens no longer in use' },
                screen: 'settings_tokens',
              },
            ],
          },
        ],
      },
      {
        key: 'review',
        name: { vi: 'Rà soát hệ thống hiện tại', en: 'Review of current systems' },
        practices: [
          {
            id: 'it.review.1',
            text: {
              vi: 'Ít nhất mỗi năm một lần, doanh nghiệp rà soát xem hệ thống còn đáp ứng công việc không: người dùng gặp khó ở đâu, dữ liệu nào còn nằm ngoài hệ thống, việc gì vẫn phải làm tay.',
              en: 'At least once a year the business reviews whether its systems still fit the work: where users struggle, what data still lives outside, what is still done by hand.',
            },
            intention: {
              vi: 'Việc rà soát đã có lịch, có người chủ trì, và người dùng ở mọi bộ phận đều được hỏi ý kiến.',
              en: 'The review is scheduled, someone leads it, and users from every team are asked.',
            },
            reality: {
              vi: 'Lần rà soát gần nhất có biên bản, danh sách vấn đề và việc cần làm, phần lớn đã được xử lý.',
              en: 'The last review has a written record with a list of problems and actions, most of them done.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Gửi một khảo sát ngắn cho người dùng ở từng bộ phận về những khó khăn khi dùng hệ thống',
                  en: 'Send users in every team a short survey on what makes the system hard to use',
                },
                screen: 'surveys',
              },
            ],
          },
          {
            id: 'it.review.2',
            text: {
              vi: 'Các trường dữ liệu, danh sách lựa chọn và quy tắc trong hệ thống được dọn dẹp định kỳ: bỏ những gì không ai dùng, sửa những gì gây nhầm lẫn.',
              en: 'The fields, pick lists and rules in the system are cleaned up periodically: what nobody uses goes, what confuses people is fixed.',
            },
            intention: {
              vi: 'Có người được giao quản trị cấu hình hệ thống và được quyền thay đổi.',
              en: "Someone is given charge of the system's setup and may change it.",
            },
            reality: {
              vi: 'Không còn trường bị bỏ trống hàng loạt hay trùng nghĩa nhau; người dùng nhập liệu nhanh và đúng.',
              en: 'No fields are left empty en masse or mean the same thing; users enter data quickly and correctly.',
            },
            weight: 1,
            indicators: ['field_completeness'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem lại các trường tuỳ chỉnh, bỏ hoặc gộp những trường không dùng',
                  en: 'Go through the custom fields and retire or merge the unused ones',
                },
                screen: 'settings_fields',
              },
            ],
          },
        ],
      },
      {
        key: 'new_systems',
        name: { vi: 'Phát triển hệ thống mới', en: 'Development of new systems' },
        practices: [
          {
            id: 'it.develop.1',
            text: {
              vi: 'Mỗi khi chọn hay xây thêm công cụ (phần mềm bán hàng, tổng đài, một sàn mới), doanh nghiệp xuất phát từ nhu cầu về khách hàng và có kế hoạch đưa dữ liệu về CRM, không tạo thêm một "ốc đảo" dữ liệu.',
              en: 'Whenever a new tool is chosen or built (point of sale, call centre, a new marketplace), the business starts from its customer needs and plans how the data reaches the CRM, rather than adding another data island.',
            },
            intention: {
              vi: 'Có lộ trình công nghệ một đến hai năm, gắn với mục tiêu về khách hàng, được lãnh đạo duyệt.',
              en: 'A one-to-two-year technology roadmap, tied to customer goals, is approved by the leadership.',
            },
            reality: {
              vi: 'Mọi công cụ mới trong năm qua đều đưa dữ liệu khách hàng về CRM, qua API hoặc qua các lần nhập định kỳ.',
              en: 'Every tool added in the past year feeds its customer data to the CRM, through the API or regular imports.',
            },
            weight: 1,
            indicators: ['import_error_rate'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Lập lộ trình công nghệ một đến hai năm từ những điểm yếu mà bài đánh giá này chỉ ra',
                  en: 'Draw up a one-to-two-year technology roadmap from the weak points this assessment shows',
                },
                screen: 'assessments',
              },
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo khoá API riêng cho từng công cụ để đồng bộ dữ liệu về CRM',
                  en: 'Create an API token for each tool so its data syncs to the CRM',
                },
                screen: 'settings_tokens',
              },
            ],
          },
          {
            id: 'it.develop.2',
            text: {
              vi: 'Thay đổi lớn về hệ thống được thử với một nhóm nhỏ trước, có đào tạo người dùng và có phương án quay lại nếu không ổn.',
              en: 'Big system changes are tried with a small group first, with user training and a way back if it does not work.',
            },
            intention: {
              vi: 'Cách triển khai thay đổi (thử nghiệm, đào tạo, phương án quay lại) đã được viết thành quy trình.',
              en: 'How changes are rolled out (pilot, training, fallback) is written down as a procedure.',
            },
            reality: {
              vi: 'Các thay đổi gần đây đều qua thử nghiệm; không có dữ liệu bị mất hay sai hàng loạt sau khi triển khai.',
              en: 'Recent changes all went through a pilot; no data was lost or broken en masse afterwards.',
            },
            weight: 1,
            indicators: ['import_error_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Chạy thử mỗi lần nhập dữ liệu lớn trước khi nhập thật, và giữ sẵn khả năng hoàn tác',
                  en: 'Dry-run every large import before the real one, and keep the undo at hand',
                },
                screen: 'imports',
              },
            ],
          },
        ],
      },
    ],
  },

  // ─── 3. Process management ────────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'process_management',
    name: { vi: 'Quản lý quy trình', en: 'Process management' },
    summary: {
      vi: 'Một quy trình liền mạch từ marketing, bán hàng đến chăm sóc khách hàng, được viết ra, đo được thời gian và chất lượng của từng bước, và liên tục được cải tiến bằng cách tìm và bịt các lỗ hổng.',
      en: "One joined-up process from marketing through sales to care, written down, with each step's time and quality measured, and improved continuously by finding and closing its gaps.",
    },
    weight: 1,
    subComponents: [
      {
        key: 'end_to_end',
        name: { vi: 'Một quy trình từ marketing đến bán hàng và chăm sóc', en: 'One process from marketing to sales to care' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.flow.1',
            text: {
              vi: 'Hành trình của khách — từ lúc biết đến doanh nghiệp, mua hàng, đến được chăm sóc sau bán — được vẽ thành một quy trình chung, ghi rõ bước nào do bộ phận nào làm.',
              en: "The customer's path — from first hearing of the business, through buying, to after-sales care — is drawn as one shared process that says which team does each step.",
            },
            intention: {
              vi: 'Quy trình được trưởng các bộ phận cùng duyệt và phổ biến tới mọi nhân viên.',
              en: 'The process is approved jointly by the heads of each team and shared with all staff.',
            },
            reality: {
              vi: 'Mọi người làm theo cùng một quy trình, và các bước của nó có mặt trên CRM (giai đoạn bán hàng, công việc, kịch bản chăm sóc).',
              en: 'Everyone follows the same process, and its steps exist in the CRM (pipeline stages, tasks, playbooks).',
            },
            weight: 2,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Cùng trưởng các bộ phận vẽ quy trình khách hàng từ marketing đến chăm sóc',
                  en: 'Map the customer process from marketing to care with the head of each team',
                },
                screen: 'settings_pipelines',
              },
            ],
          },
          {
            id: 'pm.flow.2',
            text: {
              vi: 'Tài liệu quy trình ngắn gọn, dễ tìm, được cập nhật mỗi khi có thay đổi, và nhân viên mới học nó ngay trong tuần đầu.',
              en: 'The process document is short, easy to find and updated whenever something changes, and new staff learn it in their first week.',
            },
            intention: {
              vi: 'Có người chịu trách nhiệm giữ cho tài liệu quy trình luôn cập nhật.',
              en: 'Someone is responsible for keeping the process document current.',
            },
            reality: {
              vi: 'Tài liệu khớp với cách mọi người đang thực sự làm; lần cập nhật gần nhất chưa quá sáu tháng.',
              en: 'The document matches how people actually work; it was last updated less than six months ago.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Giao cho một người giữ tài liệu quy trình, kèm công việc nhắc xem lại mỗi sáu tháng',
                  en: 'Give one person the process document, with a task to review it every six months',
                },
                screen: 'tasks',
              },
            ],
          },
        ],
      },
      {
        key: 'pipelines',
        name: { vi: 'Quy trình bán hàng và các giai đoạn', en: 'Pipelines and stages' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.pipe.1',
            text: {
              vi: 'Mỗi giai đoạn bán hàng có tiêu chí rõ ràng để chuyển bước (chẳng hạn đã gửi báo giá, khách đã đồng ý dùng thử), và mọi cơ hội đều nằm trong một quy trình bán hàng trên CRM.',
              en: 'Each sales stage has clear criteria for moving on (quote sent, trial agreed), and every deal sits in a pipeline in the CRM.',
            },
            intention: {
              vi: 'Tiêu chí của từng giai đoạn đã được thống nhất và hướng dẫn cho nhân viên bán hàng.',
              en: 'The criteria of each stage are agreed and taught to the sales staff.',
            },
            reality: {
              vi: 'Mọi cơ hội đều ở đúng giai đoạn; tỷ lệ thành công giữa các giai đoạn được theo dõi và cải thiện.',
              en: 'Every deal is in the right stage; conversion between stages is tracked and improving.',
            },
            weight: 1,
            indicators: ['stage_conversion'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Đặt tên và ghi tiêu chí chuyển bước cho từng giai đoạn của quy trình bán hàng',
                  en: 'Name each pipeline stage and write down its criteria for moving on',
                },
                screen: 'settings_pipelines',
              },
            ],
          },
          {
            id: 'pm.pipe.2',
            text: {
              vi: 'Cơ hội đứng yên quá lâu ở một giai đoạn được phát hiện và xử lý: thúc đẩy, chuyển người phụ trách, hoặc đóng lại kèm lý do.',
              en: 'Deals that sit too long in a stage are spotted and dealt with: pushed on, reassigned, or closed with a reason.',
            },
            intention: {
              vi: 'Đã thống nhất thời gian tối đa hợp lý cho từng giai đoạn.',
              en: 'A reasonable maximum time for each stage is agreed.',
            },
            reality: {
              vi: 'Rất ít cơ hội vượt quá thời gian cho phép, và thời gian nằm ở mỗi giai đoạn giảm dần.',
              en: "Few deals overrun their stage's time, and time in stage keeps falling.",
            },
            weight: 1,
            indicators: ['time_in_stage'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Mở bảng cơ hội và xử lý những cơ hội đứng yên lâu nhất', en: 'Open the deals board and deal with the ones stuck longest' },
                screen: 'deals',
              },
            ],
          },
        ],
      },
      {
        key: 'service_levels',
        name: { vi: 'Cam kết mức dịch vụ (SLA)', en: 'Service levels (SLA)' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.sla.1',
            text: {
              vi: 'Doanh nghiệp có cam kết thời gian phản hồi và xử lý cho từng loại yêu cầu (hỏi đáp, đổi trả, khiếu nại), tính theo giờ làm việc, và khách hàng được biết cam kết đó.',
              en: 'The business has response and resolution times for each kind of request (questions, returns, complaints), counted in business hours, and customers are told them.',
            },
            intention: {
              vi: 'Các mức cam kết đã được bộ phận chăm sóc khách hàng và lãnh đạo thống nhất, và công bố cho khách.',
              en: 'The service levels are agreed between care and the leadership, and published to customers.',
            },
            reality: {
              vi: 'Gần như mọi yêu cầu đều đạt cam kết; các trường hợp trễ hạn đều được xem lại.',
              en: 'Nearly every ticket meets its service level; the late ones are all reviewed.',
            },
            weight: 2,
            indicators: ['sla_attainment'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo chính sách SLA theo giờ làm việc cho từng loại yêu cầu',
                  en: 'Set up an SLA policy in business hours for each kind of ticket',
                },
                screen: 'settings_care',
              },
            ],
          },
          {
            id: 'pm.sla.2',
            text: {
              vi: 'Yêu cầu sắp trễ hạn được cảnh báo và chuyển lên cấp trên kịp thời, trước khi khách phải hỏi lại.',
              en: 'Tickets about to miss their target are flagged and escalated in time, before the customer has to chase.',
            },
            intention: {
              vi: 'Quy tắc chuyển cấp (ai nhận, sau bao lâu) đã được viết ra.',
              en: 'The escalation rule (who takes it, after how long) is written down.',
            },
            reality: {
              vi: 'Tỷ lệ đạt cam kết ổn định qua các tháng, kể cả mùa cao điểm; báo cáo SLA được xem hằng tuần.',
              en: 'Service levels are met steadily month after month, peaks included; the SLA report is read every week.',
            },
            weight: 1,
            indicators: ['sla_attainment'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Xem báo cáo SLA theo nhóm và theo người xử lý mỗi tuần', en: 'Read the SLA report by team and by agent every week' },
                screen: 'care_reports',
              },
            ],
          },
        ],
      },
      {
        key: 'handovers',
        name: { vi: 'Bàn giao giữa các bộ phận', en: 'Handovers between teams' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.handover.1',
            text: {
              vi: 'Khi khách chuyển từ marketing sang bán hàng, hay từ bán hàng sang chăm sóc, việc bàn giao có nội dung tối thiểu (khách cần gì, đã được hứa gì) và có thời hạn.',
              en: 'When a customer passes from marketing to sales, or from sales to care, the handover carries a minimum content (what the customer needs, what was promised) and has a deadline.',
            },
            intention: {
              vi: 'Nội dung và thời hạn bàn giao đã được các bộ phận thống nhất bằng văn bản.',
              en: 'What a handover contains and its deadline are agreed in writing between the teams.',
            },
            reality: {
              vi: 'Mọi khách hàng mới đều được bộ phận tiếp theo tiếp nhận đúng hạn, có người phụ trách và ghi chú đầy đủ.',
              en: 'Every new customer is taken up by the next team on time, with an owner and full notes.',
            },
            weight: 1,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Tạo kịch bản tự giao việc cho bộ phận chăm sóc khi khách có đơn hàng đầu tiên',
                  en: 'Create a playbook that gives care a task when a customer places a first order',
                },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'pm.handover.2',
            text: {
              vi: 'Khiếu nại và phản hồi của khách được chuyển tới đúng bộ phận gây ra vấn đề (sản phẩm, giao hàng, bán hàng), và bộ phận đó cho biết đã làm gì để khắc phục.',
              en: 'Complaints and feedback reach the team whose work caused them (product, delivery, sales), and that team says what it did to fix it.',
            },
            intention: {
              vi: 'Đã thống nhất cách phân loại khiếu nại và bộ phận nhận từng loại.',
              en: 'A way of classifying complaints, and which team takes each kind, is agreed.',
            },
            reality: {
              vi: 'Khiếu nại nào cũng có phân loại và bộ phận chịu trách nhiệm; các nguyên nhân lặp lại giảm dần.',
              en: 'Every complaint has a category and a responsible team; repeated causes are falling.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Phân loại các yêu cầu khiếu nại và giao cho nhóm chịu trách nhiệm',
                  en: 'Categorise the complaint tickets and assign them to the team responsible',
                },
                screen: 'tickets',
              },
            ],
          },
        ],
      },
      {
        key: 'automation',
        name: { vi: 'Tự động hoá và kịch bản chăm sóc', en: 'Automation and playbooks' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.auto.1',
            text: {
              vi: 'Các bước lặp lại của quy trình (chào mừng khách mới, nhắc gọi lại, gửi khảo sát sau khi mua) được giao cho kịch bản tự động thay vì dựa vào trí nhớ của từng người.',
              en: "Repeated steps of the process (welcoming a new customer, call-back reminders, a survey after a purchase) are run by playbooks rather than by people's memory.",
            },
            intention: {
              vi: 'Đã chọn những bước cần tự động hoá và có người phụ trách thiết lập.',
              en: 'The steps to automate are chosen and someone is in charge of setting them up.',
            },
            reality: {
              vi: 'Gần như mọi khách hàng mới đều được đưa vào một kịch bản chăm sóc.',
              en: 'Nearly every new customer is enrolled in a care playbook.',
            },
            weight: 1,
            indicators: ['playbook_coverage_new'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Bật kịch bản chào mừng cho khách hàng mới', en: 'Turn on a welcome playbook for new customers' },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'pm.auto.2',
            text: {
              vi: 'Các quy tắc tự động (khi có sự kiện này thì làm việc kia) được theo dõi: biết quy tắc nào đang bật, chạy bao nhiêu lần, có lỗi hay làm phiền khách không.',
              en: 'The automatic rules (when this happens, do that) are watched: which are on, how often they run, and whether they fail or annoy customers.',
            },
            intention: {
              vi: 'Mỗi quy tắc tự động có người chịu trách nhiệm và mục đích được ghi rõ.',
              en: 'Each automatic rule has an owner and a written purpose.',
            },
            reality: {
              vi: 'Các quy tắc đang bật đều còn cần thiết và chạy đúng; không có quy tắc nào bị bỏ quên.',
              en: 'The rules that are on are all still needed and work as meant; none is forgotten.',
            },
            weight: 1,
            indicators: ['automations_active'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem lại các kịch bản đang chạy và tắt những kịch bản không còn cần',
                  en: 'Go through the running playbooks and switch off those no longer needed',
                },
                screen: 'playbooks',
              },
            ],
          },
        ],
      },
      {
        key: 'improvement',
        name: { vi: 'Tìm lỗ hổng và cải tiến liên tục', en: 'Finding gaps and continuous improvement' },
        ownBreakdown: true,
        practices: [
          {
            id: 'pm.improve.1',
            text: {
              vi: 'Doanh nghiệp định kỳ tìm các "lỗ hổng" trong quy trình — khách bị bỏ rơi giữa chừng, bước bị chậm, việc bị làm hai lần — dựa trên số liệu và ý kiến của cả khách hàng lẫn nhân viên.',
              en: 'The business regularly looks for the gaps in its process — customers dropped halfway, slow steps, work done twice — from the figures and from what customers and staff say.',
            },
            intention: {
              vi: 'Có lịch rà soát quy trình hằng quý và người chủ trì.',
              en: 'There is a quarterly process review and someone who leads it.',
            },
            reality: {
              vi: 'Mỗi quý đều có danh sách lỗ hổng kèm số liệu; khâu chậm nhất được biết rõ.',
              en: 'Each quarter produces a list of gaps with figures; the slowest step is known.',
            },
            weight: 1,
            indicators: ['time_in_stage', 'stage_conversion'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Tổ chức rà soát quy trình mỗi quý dựa trên số liệu giai đoạn bán hàng và SLA',
                  en: 'Hold a quarterly process review on the pipeline and SLA figures',
                },
                screen: 'deals',
              },
            ],
          },
          {
            id: 'pm.improve.2',
            text: {
              vi: 'Mỗi cải tiến quy trình có người thực hiện, có thời hạn, và được đo lại sau đó để biết có hiệu quả hay không.',
              en: 'Each process improvement has an owner and a deadline, and is measured again afterwards to see whether it worked.',
            },
            intention: {
              vi: 'Danh sách cải tiến được xếp thứ tự ưu tiên và giao việc rõ ràng.',
              en: 'The improvements are prioritised and assigned.',
            },
            reality: {
              vi: 'Phần lớn cải tiến đã hoàn thành đúng hạn, và số liệu trước và sau cho thấy tiến bộ.',
              en: 'Most improvements are done on time, and before-and-after figures show progress.',
            },
            weight: 1,
            indicators: ['sla_attainment', 'stage_conversion'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Ghi mỗi cải tiến thành một công việc có người nhận và hạn chót',
                  en: 'Record each improvement as a task with an owner and a due date',
                },
                screen: 'tasks',
              },
            ],
          },
        ],
      },
    ],
  },

  // ─── 4. Measurement ───────────────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'measurement',
    name: { vi: 'Đo lường hiệu quả', en: 'Measurement' },
    summary: {
      vi: 'Đo được khối lượng công việc và nhất là giá trị mà từng người, từng nhóm, từng dự án mang lại, cùng các chỉ số về khách hàng; xem kết quả đều đặn và hành động theo đó.',
      en: 'Measuring the work done and, above all, the value each person, team and project brings, with customer measures beside it; reviewing the results routinely and acting on them.',
    },
    weight: 1,
    subComponents: [
      {
        key: 'kpis',
        name: { vi: 'KPI và mục tiêu', en: 'KPIs and targets' },
        ownBreakdown: true,
        practices: [
          {
            id: 'me.kpi.1',
            text: {
              vi: 'Có một bộ KPI thống nhất cho từng người, từng nhóm và từng dự án, mỗi KPI có mục tiêu cụ thể theo kỳ và được tính từ dữ liệu trên hệ thống chứ không tự khai.',
              en: 'There is one agreed set of KPIs for each person, team and project, each with a specific target per period, computed from the data in the system rather than self-reported.',
            },
            intention: {
              vi: 'Bộ KPI, mục tiêu và cách tính đã được lãnh đạo duyệt và giải thích cho từng người.',
              en: 'The KPIs, their targets and formulas are approved by the leadership and explained to each person.',
            },
            reality: {
              vi: 'Gần như mọi KPI đều có mục tiêu trên hệ thống; con số dùng trong các cuộc họp lấy thẳng từ báo cáo, không ai phải tổng hợp bằng tay.',
              en: 'Nearly every KPI has a target in the system; the figures used in meetings come straight from its reports, and nobody compiles them by hand.',
            },
            weight: 2,
            indicators: ['kpi_targets', 'kpi_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Xây dựng hệ thống KPI cho từng người, nhóm và dự án, KPI nào cũng có mục tiêu',
                  en: 'Build a KPI system for people, teams and projects, every KPI with a target',
                },
                screen: 'settings_members',
              },
              {
                kind: 'quick_win',
                text: {
                  vi: 'Dùng báo cáo SLA và mức hài lòng theo người xử lý làm số liệu KPI cho nhóm chăm sóc',
                  en: "Use the SLA and satisfaction reports per agent as the care team's KPI figures",
                },
                screen: 'care_reports',
              },
            ],
          },
          {
            id: 'me.kpi.2',
            text: {
              vi: 'Mỗi người chỉ có ít KPI (khoảng ba đến năm), cân bằng giữa lượng việc và chất lượng, để KPI không khuyến khích làm nhiều mà làm ẩu.',
              en: 'Each person has few KPIs (three to five or so), balancing how much is done with how well, so they do not reward doing a lot badly.',
            },
            intention: {
              vi: 'Bộ KPI của từng vị trí đã được rà lại để có cả chỉ số chất lượng.',
              en: "Each position's KPIs have been checked to include quality measures.",
            },
            reality: {
              vi: 'Vị trí nào cũng có ít nhất một KPI chất lượng (mức hài lòng, tỷ lệ đạt SLA, khách quay lại) bên cạnh KPI về số lượng.',
              en: 'Every position has at least one quality KPI (satisfaction, SLA met, returning customers) beside its volume KPIs.',
            },
            weight: 1,
            indicators: ['kpi_coverage'],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Đưa mức hài lòng của khách vào KPI của nhân viên bán hàng và chăm sóc khách hàng',
                  en: 'Add customer satisfaction to the KPIs of sales and care staff',
                },
                screen: 'survey_results',
              },
            ],
          },
        ],
      },
      {
        key: 'value',
        name: { vi: 'Đo giá trị mang lại, không chỉ khối lượng việc', en: 'Value brought, not just volume' },
        ownBreakdown: true,
        practices: [
          {
            id: 'me.value.1',
            text: {
              vi: 'Ngoài số cuộc gọi, số đơn hay số yêu cầu đã xử lý, doanh nghiệp đo giá trị mà mỗi người và mỗi nhóm mang lại: doanh thu, lợi nhuận, số khách giữ được.',
              en: 'Beyond calls made, orders taken or tickets closed, the business measures the value each person and team brings: revenue, margin, customers kept.',
            },
            intention: {
              vi: 'Đã thống nhất cách ghi nhận giá trị cho từng người, từng nhóm (chẳng hạn theo người phụ trách khách hàng).',
              en: "How value is credited to people and teams is agreed (by the customer's owner, say).",
            },
            reality: {
              vi: 'Báo cáo hằng tháng cho thấy doanh thu và số khách giữ được theo từng người, từng nhóm, và được dùng khi đánh giá nhân viên.',
              en: 'A monthly report shows revenue and customers kept per person and team, and it is used in staff reviews.',
            },
            weight: 2,
            indicators: ['owner_coverage'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem giá trị vòng đời khách hàng để biết nhóm khách nào mang lại nhiều giá trị nhất',
                  en: 'Look at customer lifetime value to see which customers bring the most',
                },
                screen: 'analytics_value',
              },
            ],
          },
          {
            id: 'me.value.2',
            text: {
              vi: 'Mỗi dự án hay chương trình về khách hàng (chương trình khách hàng thân thiết, đội chăm sóc mới, phần mềm mới) đều được đo kết quả so với chi phí bỏ ra.',
              en: 'Every customer project or programme (a loyalty scheme, a new care team, new software) is measured for its results against its cost.',
            },
            intention: {
              vi: 'Dự án nào cũng có chỉ tiêu kết quả và ngân sách trước khi bắt đầu.',
              en: 'Each project has result targets and a budget before it starts.',
            },
            reality: {
              vi: 'Các dự án gần đây đều có báo cáo kết quả so với chi phí; dự án không hiệu quả đã được điều chỉnh hoặc dừng lại.',
              en: 'Recent projects all have a results-against-cost report; those that did not pay were changed or stopped.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'So sánh số khách mới và tỷ lệ mua lại trước và sau mỗi chương trình',
                  en: 'Compare new customers and the repeat-purchase rate before and after each programme',
                },
                screen: 'analytics_customers',
              },
            ],
          },
        ],
      },
      {
        key: 'customer_measures',
        name: { vi: 'Chỉ số về khách hàng', en: 'Customer measures' },
        ownBreakdown: true,
        practices: [
          {
            id: 'me.customer.1',
            text: {
              vi: 'Doanh nghiệp theo dõi đều đặn các chỉ số về khách hàng: tỷ lệ giữ chân, giá trị vòng đời, mức hài lòng và chi phí để phục vụ một khách hàng.',
              en: 'The business tracks customer measures routinely: retention, lifetime value, satisfaction and the cost to serve a customer.',
            },
            intention: {
              vi: 'Đã chọn bộ chỉ số khách hàng và cách tính, có người chịu trách nhiệm báo cáo.',
              en: 'The customer measures and their formulas are chosen, with someone responsible for reporting them.',
            },
            reality: {
              vi: 'Các chỉ số được cập nhật ít nhất hằng tháng và có xu hướng theo thời gian.',
              en: 'The measures are updated at least monthly, with their trend over time.',
            },
            weight: 1,
            indicators: ['scored_share_30d', 'survey_response_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Xem tỷ lệ giữ chân theo nhóm khách và giá trị vòng đời trên trang phân tích',
                  en: 'Look at retention by cohort and lifetime value on the analytics page',
                },
                screen: 'analytics_customers',
              },
            ],
          },
          {
            id: 'me.customer.2',
            text: {
              vi: 'Khách hàng được hỏi ý kiến đều đặn và đủ nhiều để số liệu hài lòng đáng tin: khảo sát được gửi sau khi mua hoặc sau khi được phục vụ, và tỷ lệ trả lời được theo dõi.',
              en: 'Customers are asked for their view routinely and widely enough for the satisfaction figures to be trusted: surveys after a purchase or a service, with response rates tracked.',
            },
            intention: {
              vi: 'Đã thống nhất khi nào gửi khảo sát, gửi cho ai và tỷ lệ trả lời cần đạt.',
              en: 'It is agreed when surveys go out, to whom, and what response rate is needed.',
            },
            reality: {
              vi: 'Khảo sát được gửi tự động sau mỗi lần mua hoặc phục vụ; tỷ lệ trả lời đạt mức đề ra.',
              en: 'Surveys go out automatically after each purchase or service; the response rate meets its target.',
            },
            weight: 1,
            indicators: ['survey_response_rate'],
            actions: [
              {
                kind: 'quick_win',
                text: { vi: 'Gửi khảo sát sau mua qua một kịch bản chăm sóc', en: 'Send a post-purchase survey through a playbook' },
                screen: 'playbooks',
              },
            ],
          },
          {
            id: 'me.customer.3',
            text: {
              vi: 'Mỗi nhóm khách hàng quan trọng có mục tiêu riêng (số khách mới, tỷ lệ giữ chân, doanh thu), và kết quả được đo theo từng nhóm.',
              en: 'Each important customer segment has its own targets (new customers, retention, revenue), and results are measured per segment.',
            },
            intention: {
              vi: 'Mục tiêu cho từng phân khúc đã được lãnh đạo duyệt và giao cho người phụ trách.',
              en: 'The targets of each segment are approved by the leadership and given to someone to deliver.',
            },
            reality: {
              vi: 'Phân khúc quan trọng nào cũng có mục tiêu trên hệ thống, và kết quả so với mục tiêu được xem mỗi kỳ.',
              en: 'Every important segment has targets in the system, and results against them are reviewed each period.',
            },
            weight: 1,
            indicators: ['segment_targets'],
            actions: [
              {
                kind: 'strategic',
                text: { vi: 'Đặt mục tiêu cho từng phân khúc khách hàng quan trọng', en: 'Set targets for each important customer segment' },
                screen: 'segments',
              },
            ],
          },
        ],
      },
      {
        key: 'review_and_act',
        name: { vi: 'Xem kết quả và hành động', en: 'Reviewing results and acting' },
        ownBreakdown: true,
        practices: [
          {
            id: 'me.review.1',
            text: {
              vi: 'Kết quả được xem theo nhịp cố định — nhóm xem hằng tuần, lãnh đạo xem hằng tháng — và mỗi lần xem đều kết thúc bằng những việc cần làm cụ thể.',
              en: 'Results are reviewed on a fixed rhythm — teams weekly, the leadership monthly — and each review ends with specific actions.',
            },
            intention: {
              vi: 'Lịch xem kết quả và mẫu báo cáo đã được thống nhất.',
              en: 'The review calendar and report format are agreed.',
            },
            reality: {
              vi: 'Các buổi xem kết quả diễn ra đúng lịch; việc cần làm được giao và theo dõi đến khi xong.',
              en: 'Reviews happen on schedule; their actions are assigned and followed through to completion.',
            },
            weight: 1,
            indicators: ['kpi_targets'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Giao mỗi việc cần làm sau buổi xem kết quả thành một công việc có hạn chót',
                  en: 'Turn each action from a results review into a task with a due date',
                },
                screen: 'tasks',
              },
            ],
          },
          {
            id: 'me.review.2',
            text: {
              vi: 'Khi một chỉ số đi sai hướng, doanh nghiệp tìm nguyên nhân và điều chỉnh — kể cả sửa chính KPI nếu nó đang khuyến khích hành vi sai.',
              en: 'When a measure goes the wrong way, the business finds the cause and corrects course — including changing the KPI itself if it rewards the wrong behaviour.',
            },
            intention: {
              vi: 'Đã quy định ai phân tích khi một chỉ số vượt ngưỡng, và trong bao lâu.',
              en: 'It is settled who analyses a measure that crosses its threshold, and how quickly.',
            },
            reality: {
              vi: 'Mỗi lần chỉ số xấu đi trong năm đều có phân tích nguyên nhân và hành động đã thực hiện.',
              en: 'Every decline in a measure this year has an analysis of its cause and the action taken.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Làm lại bài đánh giá này sau sáu tháng và so sánh với lần trước',
                  en: 'Repeat this assessment in six months and compare it with this one',
                },
                screen: 'assessments',
              },
            ],
          },
        ],
      },
      {
        key: 'campaigns',
        name: { vi: 'Đo lường chiến dịch', en: 'Measuring campaigns' },
        ownBreakdown: true,
        practices: [
          {
            id: 'me.campaign.1',
            text: {
              vi: 'Mỗi chiến dịch marketing hay chăm sóc có mục tiêu và nhóm khách nhắm tới trước khi chạy, và được đo kết quả sau đó (số khách phản hồi, số khách mua, doanh thu).',
              en: 'Every marketing or care campaign has a goal and a target group before it runs, and its results are measured afterwards (responses, buyers, revenue).',
            },
            intention: {
              vi: 'Có mẫu kế hoạch chiến dịch ghi sẵn mục tiêu và cách đo, được dùng cho mọi chiến dịch.',
              en: 'A campaign plan template with goal and measure exists and is used for every campaign.',
            },
            reality: {
              vi: 'Mọi chiến dịch trong năm đều có báo cáo kết quả so với mục tiêu.',
              en: 'Every campaign this year has a results-against-goal report.',
            },
            weight: 1,
            indicators: ['segment_targets', 'segments_in_use'],
            actions: [
              {
                kind: 'quick_win',
                text: {
                  vi: 'Lưu nhóm khách của mỗi chiến dịch thành một phân khúc để đo kết quả sau này',
                  en: "Save each campaign's audience as a segment so its results can be measured later",
                },
                screen: 'segments',
              },
            ],
          },
          {
            id: 'me.campaign.2',
            text: {
              vi: 'Kết quả chiến dịch được so với một nhóm khách không nhận chiến dịch, hoặc với cùng kỳ trước đó, để biết chiến dịch thực sự mang lại thêm bao nhiêu.',
              en: 'Campaign results are compared with a group that did not receive the campaign, or with the same period before, to know what it really added.',
            },
            intention: {
              vi: 'Đã thống nhất cách so sánh cho từng loại chiến dịch.',
              en: 'How each kind of campaign is compared is agreed.',
            },
            reality: {
              vi: 'Các chiến dịch lớn đều có nhóm đối chứng hoặc so sánh cùng kỳ trong báo cáo.',
              en: 'Major campaigns all have a control group or a same-period comparison in their report.',
            },
            weight: 1,
            indicators: [],
            actions: [
              {
                kind: 'strategic',
                text: {
                  vi: 'Giữ lại một phần nhỏ khách hàng không nhận chiến dịch để làm nhóm đối chứng',
                  en: 'Hold back a small share of the audience as a control group',
                },
                screen: 'segments',
              },
            ],
          },
        ],
      },
    ],
  },
];
