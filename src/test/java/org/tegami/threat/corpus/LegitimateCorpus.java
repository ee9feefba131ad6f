package org.tegami.threat.corpus;

import static org.tegami.threat.corpus.CorpusFiles.*;

import java.util.LinkedHashMap;
import java.util.Map;

/** The legitimate half of the corpus: business mail that resembles the attacks but is genuine. */
final class LegitimateCorpus {

    private static final String TO = "Sarah Johnson <sarah.johnson@northwind.com>";
    private static final String TO_JP = "=?UTF-8?B?5L2Q6Jek?= <hanako.sato@northwind.co.jp>";
    private static final String JIS = "ISO-2022-JP";
    private static final String PASS_CONTOSO = "mx.northwind.com; spf=pass smtp.mailfrom=contoso-supplies.com; "
            + "dkim=pass header.d=contoso-supplies.com; dmarc=pass (p=reject) header.from=contoso-supplies.com";
    private static final String NEWSLETTER_HTML = "<html><body><div style=\"display:none\">This week: summer collection and free shipping</div>"
            + "<table><tr><td><a href=\"https://click.example-retail.com/t/1\">Shop the summer collection</a></td></tr>"
            + "<tr><td><a href=\"https://click.example-retail.com/t/2\">New arrivals</a> | <a href=\"https://click.example-retail.com/t/3\">Sale</a>"
            + " | <a href=\"https://www.example-retail.com/stores\">Find a store</a></td></tr>"
            + "<tr><td><a href=\"https://example-retail.us1.list-manage.com/track/click?u=1\">https://www.example-retail.com/summer</a></td></tr>"
            + "<tr><td><a href=\"https://www.facebook.com/exampleretail\">Facebook</a> <a href=\"https://www.instagram.com/exampleretail\">Instagram</a></td></tr>"
            + "<tr><td><a href=\"https://example-retail.us1.list-manage.com/unsubscribe?u=1\">Unsubscribe</a></td></tr></table>"
            + "<img src=\"https://example-retail.us1.list-manage.com/track/open.php?u=1\" width=\"1\" height=\"1\" alt=\"\"></body></html>";

    private LegitimateCorpus() {}

    static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        payments(m);
        japanese(m);
        services(m);
        files(m);
        internal(m);
        more(m);
        lookalikesOfTechniques(m);
        return m;
    }

    private static void payments(Map<String, byte[]> m) {
        m.put("invoice-known-partner-pdf", Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("Invoice INV-20931").text("Dear Sarah,\n\nPlease find attached invoice INV-20931 for the May deliveries.\n"
                        + "Payment is due by 30 June by bank transfer to the account shown on the invoice.\n\nKind regards,\nContoso Accounts")
                .attach("INV-20931.pdf", "application/pdf", pdf("Invoice INV-20931 Total 4,210.00 EUR", "")).build());
        m.put("invoice-new-vendor-pdf", Eml.of("Billing <billing@brightline-cleaning.com>", TO)
                .subject("Invoice for office cleaning - May").text("Hello,\n\nThank you for choosing Brightline. Attached is our invoice for May.\n"
                        + "You can pay the invoice by bank transfer within 30 days.\n\nBrightline Cleaning Services")
                .attach("Brightline_Invoice_May.pdf", "application/pdf", pdf("Invoice May", "")).build());
        m.put("payment-discussion-partner", Eml.of("Sarah Johnson <sarah.johnson@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("RE: payment schedule").text("Hi Sarah,\n\nThanks for confirming. We agree to split the payment into two transfers, "
                        + "the first one by the end of this month. Our bank details are unchanged.\n\nBest,\nSarah (Contoso)\n\n"
                        + "> Could we make the payment in two parts?\n> Urgent: please confirm today.").build());
        m.put("remittance-partner", Eml.of("Globex Dispatch <dispatch@globex-logistics.com>", TO)
                .subject("Remittance received").text("Hello,\n\nWe confirm we received your remittance for invoice GLX-4410. Thank you.\n\nGlobex Logistics").build());
        m.put("customer-paid-freemail", Eml.of("Tom Becker <tom.becker1978@gmail.com>", "Support <support@northwind.com>")
                .subject("Order 5521 payment").text("Hello,\n\nI paid the invoice for order 5521 yesterday via bank transfer. "
                        + "Could you confirm when it arrives?\n\nThanks,\nTom").build());
        m.put("stripe-invoice-partner", Eml.of("Initech Billing <ar@initech-software.com>", TO)
                .subject("Your Initech invoice is available").html("<p>Your invoice for the annual license is available.</p>"
                        + "<p><a href=\"https://invoice.stripe.com/i/acct_1/inv_2\">Pay invoice</a></p><p>Questions? Reply to this email.</p>").build());
        m.put("bank-details-on-invoice-known", Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("Statement of account").text("Dear customer,\n\nAttached is your statement of account. Outstanding balance: 0.00.\n"
                        + "For future payments our IBAN and SWIFT code are printed on each invoice as usual.\n")
                .attach("statement.pdf", "application/pdf", pdf("Statement", "")).build());
        m.put("partner-confidential-disclaimer", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO)
                .subject("Meeting notes").text("Hi Sarah,\n\nAttached are the notes from Tuesday's meeting. Let's continue next week.\n\n"
                        + "Ichiro Suzuki\n\nCONFIDENTIALITY NOTICE: This e-mail is confidential and intended solely for the addressee. "
                        + "It may contain privileged information. If you have received this message in error, please notify the sender and delete it.")
                .attach("notes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        docx("Meeting notes", "1. Delivery schedule", "2. Pricing for Q3")).build());
        m.put("quote-request-unknown", Eml.of("Maria Lopez <maria.lopez@sunpeak-hotels.com>", TO)
                .subject("Request for quotation").text("Hello,\n\nWe are interested in your products for our hotels. "
                        + "Could you send a quotation for 200 units? Payment terms would be 30 days after delivery.\n\nBest regards,\nMaria Lopez\nProcurement").build());
        m.put("travel-booking-partner", Eml.of("Tailspin Travel <bookings@tailspin-travel.com>", TO)
                .subject("Booking confirmation TT-88231").text("Dear Ms Johnson,\n\nYour booking is confirmed. Your e-ticket is attached.\n"
                        + "Manage your booking at https://www.tailspin-travel.com/manage\n")
                .attach("eticket_TT-88231.pdf", "application/pdf", pdf("E-ticket TT-88231", "/OpenAction [3 0 R /Fit]")).build());
        m.put("einvoice-embedded-xml", Eml.of("Initech Billing <ar@initech-software.com>", TO)
                .subject("E-invoice 2024-118").text("Please find our e-invoice attached (PDF with embedded XML).")
                .attach("invoice-2024-118.pdf", "application/pdf", pdf("Invoice 2024-118",
                        "/Names << /EmbeddedFiles << /Names [(factur-x.xml) 5 0 R] >> >>",
                        "<< /Type /Filespec /F (factur-x.xml) /UF (factur-x.xml) /EF << /F 6 0 R >> >>",
                        "<< /Type /EmbeddedFile /Subtype /text#2Fxml /Length 7 >>\nstream\n<x></x>\nendstream")).build());
        m.put("same-name-partner-known", Eml.of("Sarah Johnson <sarah.johnson@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("Delivery dates").text("Hi Sarah,\n\nFrom one Sarah to another: the delivery dates for July are attached. Let me know if they work.\n\nSarah").build());
        m.put("similar-name-external", Eml.of("David Millerson <dmillerson@globex-logistics.com>", TO)
                .subject("Pickup tomorrow").text("Hi,\n\nOur driver will pick up the pallets tomorrow at 10:00.\n\nDavid Millerson\nGlobex Logistics").build());
        m.put("first-name-only-match", Eml.of("Akiko Suzuki <akiko@fabrikam.co.jp>", TO)
                .subject("Samples").text("Hello Sarah,\n\nThe samples were shipped today.\n\nAkiko").build());
        m.put("available-for-call-partner", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO)
                .subject("Call tomorrow?").text("Hi Sarah, are you available for a call tomorrow at 10? We'd like to discuss the payment schedule for Q3.\n\nIchiro").build());
    }

    private static void japanese(Map<String, byte[]> m) {
        m.put("jp-invoice-partner-iso2022", Eml.of(Eml.addr("ファブリカム 経理部", "keiri@fabrikam.co.jp", JIS), TO_JP)
                .subject("請求書送付のご案内（6月分）", JIS).text("ノースウィンド株式会社\n経理部 佐藤様\n\nいつもお世話になっております。\n"
                        + "6月分の請求書を送付いたします。お支払い期日は7月末日となっております。\n"
                        + "お振込みの際は、請求書記載の口座へお願いいたします。\n\nファブリカム株式会社 経理部", JIS, "7bit")
                .attach("seikyusho_202406.pdf", "application/pdf", pdf("Seikyusho 2024-06", "")).build());
        m.put("jp-payment-done-partner", Eml.of(Eml.addr("鈴木 一郎", "suzuki@fabrikam.co.jp", "UTF-8"), TO_JP)
                .subject("お振込み完了のご連絡", "UTF-8").text("佐藤様\n\nお世話になっております。\n本日、5月分のお振込みを完了いたしました。\nご確認のほどよろしくお願いいたします。\n\n鈴木", "UTF-8", "base64").build());
        m.put("jp-internal-payment-urgent", Eml.of(Eml.addr("山田 太郎", "taro.yamada@northwind.co.jp", "UTF-8"), TO_JP)
                .auth("mx.northwind.co.jp; spf=pass smtp.mailfrom=northwind.co.jp; dkim=pass header.d=northwind.co.jp; dmarc=pass header.from=northwind.co.jp")
                .subject("至急：ファブリカム様へのお支払い", "UTF-8").text("佐藤さん\n\nファブリカム様への5月分のお支払いを本日中に処理してください。\n請求書は共有フォルダにあります。\n\n山田", "UTF-8", "quoted-printable").build());
        m.put("jp-quote-partner", Eml.of(Eml.addr("鈴木 一郎", "suzuki@fabrikam.co.jp", JIS), TO_JP)
                .subject("お見積書送付の件", JIS).text("佐藤様\n\nご依頼いただいたお見積書を添付いたします。\nご検討のほどよろしくお願いいたします。", JIS, "7bit")
                .attach("mitsumori.pdf", "application/pdf", pdf("Mitsumori", "")).build());
        m.put("jp-bank-change-known-partner-dkim", Eml.of(Eml.addr("ファブリカム 経理部", "keiri@fabrikam.co.jp", JIS), TO_JP)
                .auth("mx.northwind.co.jp; spf=pass smtp.mailfrom=fabrikam.co.jp; dkim=pass header.d=fabrikam.co.jp; dmarc=pass header.from=fabrikam.co.jp")
                .subject("銀行合併に伴う支店名変更のお知らせ", JIS).text("いつもお世話になっております。\n"
                        + "取引銀行の合併に伴い、10月1日より支店名が変更となります。口座番号に変更はございません。\n"
                        + "詳細は担当の鈴木までお電話でお問い合わせください。", JIS, "7bit").build());
        m.put("jp-customer-asks-account", Eml.of(Eml.addr("高橋 健", "ken.takahashi@yahoo.co.jp", "UTF-8"), "support@northwind.co.jp")
                .subject("お支払い方法について", "UTF-8").text("お世話になります。注文番号5521の代金をお振込みしたいのですが、振込先を教えていただけますか。\n高橋", "UTF-8", "base64").build());
        m.put("jp-newsletter-iso2022", Eml.of(Eml.addr("ファブリカム通信", "news@fabrikam.co.jp", JIS), TO_JP)
                .subject("ファブリカム通信 2024年6月号", JIS).text("新製品のご案内\n夏季休業のお知らせ\n詳しくは https://www.fabrikam.co.jp/news をご覧ください。\n"
                        + "配信停止はこちら https://www.fabrikam.co.jp/unsubscribe", JIS, "7bit").build());
        m.put("jp-meeting-request-utf8", Eml.of(Eml.addr("渡辺 健二", "kenji.watanabe@northwind.co.jp", "UTF-8"), TO_JP)
                .subject("来週の打ち合わせについて", "UTF-8").text("佐藤さん\n\n来週の打ち合わせですが、火曜日の14時からでいかがでしょうか。\n会議室は3Fを予約しておきます。\n\n渡辺", "UTF-8", "8bit").build());
        m.put("jp-amazon-order-real", Eml.of(Eml.addr("Amazon.co.jp", "auto-confirm@amazon.co.jp", "UTF-8"), TO_JP)
                .auth("mx.northwind.co.jp; spf=pass smtp.mailfrom=amazon.co.jp; dkim=pass header.d=amazon.co.jp; dmarc=pass header.from=amazon.co.jp")
                .subject("Amazon.co.jpでのご注文", "UTF-8").html("<p>ご注文ありがとうございます。</p><p>注文番号 250-1234567</p>"
                        + "<p><a href=\"https://www.amazon.co.jp/gp/css/order-history\">注文履歴を見る</a></p>", "UTF-8").build());
        m.put("jp-rakuten-newsletter", Eml.of(Eml.addr("楽天市場", "info@mail.rakuten.co.jp", "UTF-8"), TO_JP)
                .subject("【楽天市場】今週のおすすめ", "UTF-8").html("<p>今週のおすすめ商品</p><a href=\"https://event.rakuten.co.jp/sale\">セール会場へ</a>"
                        + "<img src=\"https://rd.rakuten.co.jp/o.gif?u=1\" width=\"1\" height=\"1\">", "UTF-8").build());
        m.put("jp-password-reset-internal", Eml.of(Eml.addr("情報システム部", "it@northwind.com", "UTF-8"), TO_JP)
                .subject("パスワード変更のお願い", "UTF-8").text("全社員各位\n\nセキュリティポリシーにより、今月末までにパスワードの変更をお願いします。\n"
                        + "社内ポータル https://portal.northwind.com から変更できます。メールでパスワードを聞くことは絶対にありません。", "UTF-8", "base64").build());
        m.put("jp-ppap-password-separate", Eml.of(Eml.addr("鈴木 一郎", "suzuki@fabrikam.co.jp", "UTF-8"), TO_JP)
                .subject("パスワードのお知らせ", "UTF-8").text("佐藤様\n\n先ほどお送りしたファイルのパスワードをお知らせします。\n"
                        + "パスワード：Fb8831\n\n鈴木", "UTF-8", "base64").build());
    }

    private static void services(Map<String, byte[]> m) {
        m.put("newsletter-tracking-known", Eml.of("Example Retail <news@example-retail.com>", TO)
                .returnPath("bounce-mc.us1_1234@mail123.suw11.mcdlv.net").subject("Summer collection is here")
                .html(NEWSLETTER_HTML).build());
        m.put("newsletter-giftcards-unknown", Eml.of("Bluebird Books <hello@bluebird-books.com>", TO)
                .subject("Give the gift of reading").html("<p>Gift cards are available in any amount and never expire.</p>"
                        + "<p><a href=\"https://www.bluebird-books.com/gift-cards\">Buy a gift card</a></p>"
                        + "<img src=\"https://www.bluebird-books.com/o.gif\" width=\"1\" height=\"1\">").build());
        m.put("newsletter-sendgrid-mismatch", Eml.of("Cloudly Weekly <weekly@cloudly.io>", TO)
                .subject("This week in cloud").html("<p>Top stories</p><a href=\"https://u123.ct.sendgrid.net/ls/click?upn=abc\">https://www.cloudly.io/blog/kubernetes</a>"
                        + "<a href=\"https://u123.ct.sendgrid.net/ls/click?upn=def\">Read more</a>").build());
        m.put("newsletter-substack", Eml.of("The Ops Letter <opsletter@substack.com>", TO)
                .subject("Issue 42: incident reviews").html("<p>Incident reviews that work.</p><a href=\"https://opsletter.substack.com/p/42\">Read online</a>"
                        + "<img src=\"https://eotrx.substackcdn.com/open?token=x\" width=\"1\" height=\"1\" style=\"height:1px;width:1px\">").build());
        m.put("newsletter-act-now", Eml.of("Northwind Events <events@conference-hub.io>", TO)
                .subject("Early-bird pricing ends Friday").html("<p>Act now: early-bird pricing for DevSummit ends Friday.</p>"
                        + "<a href=\"https://www.conference-hub.io/devsummit\">Register</a>").build());
        m.put("github-password-reset", Eml.of("GitHub <noreply@github.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=github.com; dkim=pass header.d=github.com; dmarc=pass header.from=github.com")
                .subject("[GitHub] Please reset your password").text("We heard that you lost your GitHub password. Sorry about that!\n\n"
                        + "But don't worry! You can use the following link to reset your password:\n\nhttps://github.com/password_reset/abc123\n\n"
                        + "If you don't use this link within 3 hours, it will expire.").build());
        m.put("microsoft-security-alert", Eml.of("Microsoft account team <account-security-noreply@accountprotection.microsoft.com>", TO)
                .subject("Microsoft account unusual sign-in activity").html("<p>We detected something unusual about a recent sign-in to the Microsoft account sa***@northwind.com.</p>"
                        + "<p><a href=\"https://account.live.com/Activity\">Review recent activity</a></p>"
                        + "<p><a href=\"https://go.microsoft.com/fwlink/?LinkId=521839\">Privacy statement</a></p>").build());
        m.put("google-security-alert", Eml.of("Google <no-reply@accounts.google.com>", TO)
                .subject("Security alert").html("<p>A new sign-in on Windows. If this was you, you don't need to do anything. If not, we'll help you secure your account.</p>"
                        + "<a href=\"https://myaccount.google.com/notifications\">Check activity</a>").build());
        m.put("slack-confirm-email", Eml.of("Slack <feedback@slack.com>", TO)
                .subject("Confirm your email address").html("<p>Confirm your email address to get started on Slack.</p>"
                        + "<a href=\"https://slack.com/confirm?c=123\">Confirm Email Address</a>").build());
        m.put("dropbox-share", Eml.of("Kenji Watanabe via Dropbox <no-reply@dropboxmail.com>", TO)
                .subject("Kenji shared \"Q3 plan\" with you").html("<p>Kenji Watanabe invited you to view the folder \"Q3 plan\".</p>"
                        + "<a href=\"https://www.dropbox.com/sh/abc\">Go to folder</a>").build());
        m.put("docusign-real", Eml.of("Contoso via DocuSign <dse_na3@docusign.net>", TO)
                .subject("Please DocuSign: Supply agreement 2024").html("<p>Contoso sent you a document to review and sign.</p>"
                        + "<a href=\"https://na3.docusign.net/Signing/EmailStart.aspx?a=1\">REVIEW DOCUMENT</a>").build());
        m.put("linkedin-notification", Eml.of("LinkedIn <messages-noreply@linkedin.com>", TO)
                .subject("You appeared in 12 searches this week").html("<p>You appeared in 12 searches this week.</p>"
                        + "<a href=\"https://www.linkedin.com/me/search-appearances\">See all searches</a>").build());
        m.put("fedex-tracking", Eml.of("FedEx <TrackingUpdates@fedex.com>", TO)
                .subject("Your package is on its way").html("<p>Tracking number 7712 8812 9911.</p><a href=\"https://www.fedex.com/fedextrack/?trknbr=771288129911\">Track</a>").build());
        m.put("dhl-real", Eml.of("DHL Express <noreply@dhl.com>", TO)
                .subject("DHL On Demand Delivery").html("<p>Your shipment 1234567890 is scheduled for delivery tomorrow.</p>"
                        + "<a href=\"https://www.dhl.com/en/express/tracking.html?AWB=1234567890\">Track shipment</a>").build());
        m.put("apple-receipt", Eml.of("Apple <no_reply@email.apple.com>", TO)
                .subject("Your receipt from Apple").html("<p>Receipt for iCloud+ 50GB, 0.99 USD.</p><a href=\"https://reportaproblem.apple.com\">Report a problem</a>").build());
        m.put("bank-statement-login", Eml.of("Acme Bank <alerts@acmebank.com>", TO)
                .subject("Your statement is ready").html("<p>Your monthly statement is ready. Sign in to view it in online banking.</p>"
                        + "<a href=\"https://online.acmebank.com/statements\">Online banking</a>").build());
        m.put("zoom-invite", Eml.of("Zoom <no-reply@zoom.us>", TO)
                .subject("Meeting invitation: Supplier review").text("Join Zoom Meeting\nhttps://us02web.zoom.us/j/81234567890\n\nMeeting ID: 812 3456 7890").build());
        m.put("saas-verify-email", Eml.of("Notion Team <team@makenotion.com>", TO)
                .subject("Verify your email").html("<p>Please verify your email address to finish signing up.</p>"
                        + "<a href=\"https://www.notion.so/verify?token=1\">Verify email</a>").build());
        m.put("mailing-list-replyto", Eml.of("Jan Novak <jan.novak@university-lab.edu>", "ops-discuss@lists.opsforum.org")
                .replyTo("ops-discuss@lists.opsforum.org").header("List-Id", "<ops-discuss.lists.opsforum.org>")
                .subject("[ops-discuss] Postfix queue tuning").text("Has anyone tuned qmgr for large queues? Thanks, Jan").build());
        m.put("helpdesk-replyto-ticket", Eml.of("Contoso Support <support@contoso-supplies.com>", TO)
                .replyTo("support+ticket-8812@contoso.zendesk.com").subject("[Ticket 8812] Damaged delivery")
                .text("Hello Sarah,\n\nWe have opened ticket 8812 for the damaged delivery. Reply to this email to add comments.\n\nContoso Support").build());
        m.put("esp-returnpath-known", Eml.of("Example Retail <news@example-retail.com>", TO).returnPath("bounces+1234@em123.sendgrid.net")
                .subject("Your order has shipped").html("<p>Your order 88123 has shipped.</p><a href=\"https://www.example-retail.com/orders/88123\">View order</a>").build());
        m.put("calendar-invite-partner", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO)
                .subject("Invitation: Quarterly review @ Tue 11 Jun 10:00").text("You have been invited to the quarterly review.")
                .calendar("BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:qr-2024-06@fabrikam.co.jp\nDTSTART:20240611T010000Z\n"
                        + "DTEND:20240611T020000Z\nSUMMARY:Quarterly review\nORGANIZER:mailto:suzuki@fabrikam.co.jp\nEND:VEVENT\nEND:VCALENDAR").build());
        m.put("customer-inquiry-freemail", Eml.of("Lena Fischer <lena.fischer@gmx.de>", "Support <support@northwind.com>")
                .subject("Question about product sizes").text("Hello, do your shelves come in 80 cm width? Regards, Lena").build());
        m.put("recruiting-cv-pdf", Eml.of("Priya Raman <priya.raman@outlook.com>", "Emily Chen <emily.chen@northwind.com>")
                .subject("Application: Logistics coordinator").text("Dear Ms Chen,\n\nPlease find my CV attached for the logistics coordinator position.\n\nKind regards,\nPriya Raman")
                .attach("Priya_Raman_CV.pdf", "application/pdf", pdf("Curriculum vitae", "")).build());
    }

    private static void files(Map<String, byte[]> m) {
        Map<String, byte[]> docs = new LinkedHashMap<>();
        docs.put("Q2_report.pdf", pdf("Q2 report", ""));
        docs.put("Q2_figures.xlsx", xlsx(new String[][] {{"Month", "Revenue"}, {"April", "120"}, {"May", "131"}}));
        docs.put("Q2_summary.docx", docx("Summary of Q2"));
        m.put("zip-of-documents-partner", Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("Q2 documents").text("Hi Sarah, the Q2 documents are in the attached zip.").attach("Q2_documents.zip", "application/zip", zip(docs)).build());
        m.put("zip-of-photos-colleague", Eml.of("Kenji Watanabe <kenji.watanabe@northwind.co.jp>", TO)
                .subject("Warehouse photos").text("Photos from the warehouse visit.").attach("photos.zip", "application/zip",
                        zip(Map.of("dock1.png", image("png", 32, 32, 0x336699), "dock2.jpg", image("jpg", 32, 32, 0x993366)))).build());
        m.put("docx-price-list-partner", Eml.of("Globex Dispatch <dispatch@globex-logistics.com>", TO)
                .subject("Updated rates").text("Our updated rates for H2 are attached.").attach("rates_H2.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx(new String[][] {{"Route", "Rate"}, {"Osaka-Tokyo", "450"}})).build());
        m.put("legacy-doc-no-macro", Eml.of("Tailspin Travel <bookings@tailspin-travel.com>", TO)
                .subject("Travel policy").text("Travel policy document attached.").attach("policy.doc", "application/msword", docPlain()).build());
        m.put("purchase-order-xlsx", Eml.of("Sunpeak Hotels <purchasing@sunpeak-hotels.com>", TO)
                .subject("Purchase order PO-1182").text("Please find our purchase order attached. Payment within 30 days of invoice.")
                .attach("PO-1182.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx(new String[][] {{"Item", "Qty"}, {"Shelf", "200"}})).build());
        m.put("images-inline", Eml.of("Emily Chen <emily.chen@northwind.com>", TO).subject("Team photo")
                .html("<p>Team photo from Friday!</p><img src=\"cid:photo1\">").attachInline("team.jpg", "image/jpeg", image("jpg", 48, 32, 0x445566)).build());
        m.put("text-log-attachment", Eml.of("Kenji Watanabe <kenji.watanabe@northwind.co.jp>", "it@northwind.com")
                .subject("Printer error log").text("Log attached.").attach("printer.log", "text/plain",
                        "2024-06-03 09:12 ERROR paper jam tray 2\n2024-06-03 09:14 INFO cleared\n".getBytes()).build());
        m.put("csv-export", Eml.of("Globex Dispatch <dispatch@globex-logistics.com>", TO)
                .subject("Shipment export").text("CSV export attached.").attach("shipments.csv", "text/csv", "id,date,status\n1,2024-06-01,delivered\n".getBytes()).build());
        m.put("ics-attachment", Eml.of("Tailspin Travel <bookings@tailspin-travel.com>", TO)
                .subject("Add your flight to your calendar").text("Flight details attached as a calendar file.").attach("flight.ics", "text/calendar",
                        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Flight TT123\r\nDTSTART:20240612T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".getBytes()).build());
        byte[] forwarded = Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO).subject("Invoice INV-20877")
                .text("Invoice attached.").attach("INV-20877.pdf", "application/pdf", pdf("Invoice 20877", "")).build();
        m.put("forwarded-invoice-colleague", Eml.of("David Miller <david.miller@northwind.com>", TO)
                .subject("Fwd: Invoice INV-20877").text("Sarah, please file this one.").attach("Invoice INV-20877.eml", "message/rfc822", forwarded).build());
        m.put("gz-log-archive", Eml.of("Kenji Watanabe <kenji.watanabe@northwind.co.jp>", "it@northwind.com")
                .subject("Server logs").text("Compressed logs attached.").attach("app.log.gz", "application/gzip", gzip("app.log", "INFO started\n".repeat(200).getBytes())).build());
        m.put("pdf-manual-unknown-vendor", Eml.of("Shelfmaster Support <support@shelfmaster.eu>", TO)
                .subject("Assembly manual").text("As requested, the assembly manual.").attach("manual.pdf", "application/pdf",
                        pdf("Assembly manual", "/OpenAction [3 0 R /XYZ 0 792 0] /PageMode /UseOutlines")).build());
    }

    private static void internal(Map<String, byte[]> m) {
        m.put("internal-ceo-payment-request", Eml.of("Akiko Tanaka <akiko.tanaka@northwind.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=northwind.com; dkim=pass header.d=northwind.com; dmarc=pass header.from=northwind.com")
                .subject("Contoso payment").text("Sarah, please process the Contoso payment today, the invoice is approved in the system. Thanks, Akiko").build());
        m.put("vip-private-address", Eml.of("Akiko Tanaka <akiko.tanaka.home@gmail.com>", TO)
                .subject("Slides for Monday").text("Sarah, I'm working from home today. Could you print the slides for Monday's board meeting? Thanks, Akiko").build());
        m.put("internal-hr-announcement", Eml.of("Emily Chen <emily.chen@northwind.com>", "all@northwind.com")
                .subject("Summer party").text("Hi all,\n\nThe summer party is on 28 June. Please register by Friday.\n\nEmily\n\n"
                        + "This message is intended only for employees of Northwind.").build());
        m.put("internal-it-password-expiry", Eml.of("IT Helpdesk <it@northwind.com>", TO)
                .subject("Your password expires in 5 days").html("<p>Your password will expire in 5 days. Change it on the intranet:</p>"
                        + "<a href=\"https://portal.northwind.com/password\">https://portal.northwind.com/password</a>").build());
        m.put("internal-vpn-notice", Eml.of("IT Helpdesk <it@northwind.com>", "all@northwind.com")
                .subject("New VPN client").text("The new VPN client is available at https://portal.northwind.com/vpn . Install it before 1 July.").build());
        m.put("internal-reply-thread", Eml.of("David Miller <david.miller@northwind.com>", TO)
                .subject("RE: supplier payments").text("Agreed, let's pay Globex on the usual schedule.\n\n> Should we pay Globex today?\n> It's urgent per their email.").build());
        m.put("internal-japanese-urgent-confirm", Eml.of(Eml.addr("佐藤 花子", "hanako.sato@northwind.co.jp", "UTF-8"), "kenji.watanabe@northwind.co.jp")
                .subject("至急ご確認ください", "UTF-8").text("渡辺さん\n\n明日の出荷リストを至急ご確認ください。\n\n佐藤", "UTF-8", "base64").build());
        m.put("partner-signed-smime", signed());
    }

    /** A multipart/signed message (S/MIME structure; the signature part is opaque to the analyzer). */
    private static byte[] signed() {
        String s = "From: Suzuki Ichiro <suzuki@fabrikam.co.jp>\r\nTo: " + TO + "\r\nDate: Mon, 3 Jun 2024 09:15:00 +0900\r\n"
                + "Subject: Signed: delivery confirmation\r\nMessage-ID: <signed1@fabrikam.co.jp>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256; boundary=\"sig\"\r\n\r\n"
                + "--sig\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nDelivery of order 5521 confirmed for 12 June.\r\n"
                + "--sig\r\nContent-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n\r\nMIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAA==\r\n--sig--\r\n";
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void more(Map<String, byte[]> m) {
        m.put("microsoft-renewal", Eml.of("Microsoft <microsoft-noreply@microsoft.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=microsoft.com; dkim=pass header.d=microsoft.com; dmarc=pass header.from=microsoft.com")
                .subject("Your Microsoft 365 subscription will expire soon").html("<p>Your subscription will expire on 30 June. "
                        + "Turn on recurring billing to keep your apps.</p><a href=\"https://admin.microsoft.com/billing\">Manage billing</a>").build());
        m.put("partner-overdue-reminder", Eml.of("Contoso Accounts <accounts@contoso-supplies.com>", TO).auth(PASS_CONTOSO)
                .subject("Reminder: invoice INV-20790 overdue").text("Dear Sarah,\n\nOur records show that invoice INV-20790 is overdue. "
                        + "Please pay the invoice at your earliest convenience, or let us know if it has already been paid.\n\nContoso Accounts").build());
        m.put("unknown-vendor-reminder", Eml.of("Accounts <accounts@printworks-studio.com>", TO)
                .subject("Friendly reminder: invoice 1182").text("Hello,\n\nA friendly reminder that invoice 1182 for the brochure printing "
                        + "is due next week. Thank you for your business!\n\nPrintworks Studio").build());
        m.put("airline-checkin", Eml.of("Tailspin Airways <checkin@tailspin-travel.com>", TO)
                .subject("Check in now for TT123").html("<p>Online check-in is open. Check in within 24 hours of departure.</p>"
                        + "<a href=\"https://www.tailspin-travel.com/checkin\">Check in</a>").build());
        m.put("jp-seminar-invite", Eml.of(Eml.addr("ビジネスセミナー事務局", "seminar@biz-forum.jp", "UTF-8"), TO_JP)
                .subject("【ご案内】物流DXセミナー開催のお知らせ", "UTF-8").html("<p>物流DXセミナーを7月10日に開催いたします。</p>"
                        + "<p>お申し込みは<a href=\"https://www.biz-forum.jp/seminar/0710\">こちら</a>から。</p>", "UTF-8").build());
        m.put("jp-internal-nenmatsu", Eml.of(Eml.addr("佐藤 花子", "hanako.sato@northwind.co.jp", "UTF-8"), "all@northwind.co.jp")
                .subject("年末調整書類の提出について", "UTF-8").text("社員各位\n\n年末調整の書類を11月末までに人事部へ提出してください。\n"
                        + "提出方法は社内ポータルをご確認ください。", "UTF-8", "base64").build());
        m.put("utility-bill", Eml.of("City Power <billing@citypower-energy.com>", TO)
                .subject("Your June bill is ready").html("<p>Your bill of 182.40 is ready. Pay online or by direct debit.</p>"
                        + "<a href=\"https://my.citypower-energy.com/bills\">View bill</a>").build());
        m.put("out-of-office-colleague", Eml.of("David Miller <david.miller@northwind.com>", TO)
                .subject("Automatic reply: supplier review").text("I'm travelling until 12 June with limited access to email. "
                        + "For urgent matters please contact Akiko Tanaka.").build());
        m.put("partner-busy-call", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO)
                .subject("RE: call").text("Sorry Sarah, I'm in meetings all day. Can we talk tomorrow morning instead?\n\nIchiro").build());
        m.put("amazon-giftcard-receipt", Eml.of("Amazon.com <digital-no-reply@amazon.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=amazon.com; dkim=pass header.d=amazon.com; dmarc=pass header.from=amazon.com")
                .subject("Your Amazon.com order of eGift card").html("<p>Thank you for your order of an Amazon eGift card (25.00 USD).</p>"
                        + "<a href=\"https://www.amazon.com/gp/your-account/order-history\">Your orders</a>").build());
        m.put("internal-security-awareness", Eml.of("IT Helpdesk <it@northwind.com>", "all@northwind.com")
                .subject("Security reminder: gift card and wire scams").text("Reminder: criminals send urgent requests to buy gift cards or "
                        + "to wire money, pretending to be managers. Always confirm such a request by phone before acting.").build());
        m.put("survey-confidential", Eml.of("Pulse Survey <survey@pulse-hr-surveys.com>", TO)
                .subject("Employee engagement survey").html("<p>Your responses are confidential and reported only in aggregate.</p>"
                        + "<a href=\"https://www.pulse-hr-surveys.com/s/northwind\">Start the survey</a>").build());
        m.put("customer-po-freemail-pdf", Eml.of("Mike Ross <mike.ross.shop@yahoo.com>", "Support <support@northwind.com>")
                .subject("Order for 20 shelves").text("Hello,\n\nAttached is our order for 20 shelves for our shop. Please send the invoice.\n\nMike")
                .attach("order.pdf", "application/pdf", pdf("Order 20 shelves", "")).build());
        m.put("jp-new-partner-intro", Eml.of(Eml.addr("中村 恵", "megumi.nakamura@sakura-logi.co.jp", "UTF-8"), TO_JP)
                .subject("はじめまして（さくらロジスティクス 中村）", "UTF-8").text("ノースウィンド株式会社\n佐藤様\n\nはじめまして。さくらロジスティクスの中村と申します。\n"
                        + "この度、御社の物流ご担当として連絡させていただきました。来週ご挨拶に伺えればと存じます。", "UTF-8", "base64").build());
        m.put("university-list-7bit", Eml.of("Dr. Anna Weber <a.weber@uni-example.edu>", TO)
                .subject("Guest lecture on supply chains").text("Dear Ms Johnson, would you be willing to give a guest lecture in October? Best, Anna Weber", "US-ASCII", "7bit").build());
    }

    /** Genuine mail that shares words or formats with the newer techniques (QR codes, invitations, callbacks, payments). */
    private static void lookalikesOfTechniques(Map<String, byte[]> m) {
        byte[] qr = image("png", 64, 64, 0x202020);
        m.put("qr-event-ticket", Eml.of("DevSummit Tickets <tickets@conference-hub.io>", TO).subject("Your ticket for DevSummit 2024")
                .html("<p>Thank you for registering. Show the QR code below at the entrance; scan it with your phone to add the ticket "
                        + "to your wallet.</p><img src=\"cid:ticket\">").attachInline("ticket.png", "image/png", qr).build());
        m.put("qr-mfa-setup-internal", Eml.of("IT Helpdesk <it@northwind.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=northwind.com; dkim=pass header.d=northwind.com; dmarc=pass header.from=northwind.com")
                .subject("Set up multi-factor authentication").text("Hello,\n\nplease set up MFA before 30 June: sign in to the portal, "
                        + "then scan the QR code with the Microsoft Authenticator app on your phone.\n\nIT Helpdesk").build());
        m.put("jp-qr-restaurant-menu", Eml.of(Eml.addr("レストラン花月", "info@kagetsu-dining.jp", "UTF-8"), TO_JP)
                .subject("ご予約ありがとうございます", "UTF-8").text("佐藤様\n\nご予約ありがとうございます。当日は添付のQRコードを読み取ると"
                        + "メニューをご覧いただけます。\nお支払いは店頭にて承ります。", "UTF-8", "base64")
                .attach("menu_qr.png", "image/png", qr).build());
        m.put("calendar-teams-partner", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO)
                .subject("Invitation: Pricing review @ Thu 13 Jun 09:00").text("Invitation to the pricing review.")
                .calendar("BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:pr-2024-06@fabrikam.co.jp\nDTSTART:20240613T000000Z\n"
                        + "DTEND:20240613T010000Z\nSUMMARY:Pricing review\nDESCRIPTION:Join Microsoft Teams meeting: https://teams.microsoft.com/l/m\n"
                        + " eetup-join/19%3ameeting_abc\\nAgenda: H2 prices\\, volumes\nORGANIZER:mailto:suzuki@fabrikam.co.jp\n"
                        + "END:VEVENT\nEND:VCALENDAR").build());
        m.put("ics-zoom-new-customer", Eml.of("Maria Lopez <maria.lopez@sunpeak-hotels.com>", TO).subject("Call about the shelves order")
                .text("Hello Sarah, the invitation for our call is attached. Best regards, Maria")
                .attach("call.ics", "text/calendar", ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Shelves order call\r\n"
                        + "DESCRIPTION:Zoom: https://us02web.zoom.us/j/81234567890\r\nDTSTART:20240614T070000Z\r\nEND:VEVENT\r\n"
                        + "END:VCALENDAR\r\n").getBytes()).build());
        m.put("renewal-receipt-phone", Eml.of("Initech Billing <ar@initech-software.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=initech-software.com; dkim=pass header.d=initech-software.com; dmarc=pass header.from=initech-software.com")
                .subject("Receipt for your Initech renewal").text("Thank you. Your annual license has been renewed and your card has been charged "
                        + "1,200.00 USD.\nQuestions about your invoice? Call our billing team at +1 (415) 555-0100, Monday to Friday.\n\nInitech Billing").build());
        m.put("jp-bank-transfer-notice", Eml.of(Eml.addr("三菱UFJ銀行", "info@mufg.jp", "UTF-8"), TO_JP)
                .auth("mx.northwind.co.jp; spf=pass smtp.mailfrom=mufg.jp; dkim=pass header.d=mufg.jp; dmarc=pass header.from=mufg.jp")
                .subject("【三菱UFJ銀行】お振込受付のお知らせ", "UTF-8").text("いつも三菱UFJ銀行をご利用いただきありがとうございます。\n"
                        + "お振込みを受け付けました。お心当たりのない場合は、0120-860-777までご連絡ください。", "UTF-8", "base64").build());
        m.put("newsletter-last-chance", Eml.of("Example Retail <news@example-retail.com>", TO)
                .returnPath("bounce-mc.us1_1234@mail123.suw11.mcdlv.net").subject("Last chance: 50% off ends tonight")
                .html("<p>Final hours! Act now: 50% off everything ends tonight at midnight.</p>"
                        + "<a href=\"https://example-retail.us1.list-manage.com/track/click?u=9\">Shop now</a>"
                        + "<img src=\"https://example-retail.us1.list-manage.com/track/open.php?u=9\" width=\"1\" height=\"1\">").build());
        m.put("jp-newsletter-flash-sale", Eml.of(Eml.addr("ヨドバシ通信", "news@mail.yodobashi-news.jp", "UTF-8"), TO_JP)
                .subject("【本日限り】タイムセール開催中", "UTF-8").html("<p>本日限り！今すぐチェック。人気商品が最大50%OFF。</p>"
                        + "<a href=\"https://www.yodobashi-news.jp/sale\">セール会場へ</a><img src=\"https://www.yodobashi-news.jp/o.gif\" "
                        + "width=\"1\" height=\"1\">", "UTF-8").build());
        m.put("partner-office-move", Eml.of("Globex Dispatch <dispatch@globex-logistics.com>", TO).subject("We are moving")
                .text("Dear customer,\n\nGlobex Logistics moves to a new office on 1 July. Please update your records with our new "
                        + "address: 12 Harbour Road, Kobe. Phone numbers and bank details stay the same.\n\nGlobex Logistics").build());
        m.put("jp-partner-office-move", Eml.of(Eml.addr("ファブリカム 総務部", "soumu@fabrikam.co.jp", "UTF-8"), TO_JP)
                .subject("本社移転のお知らせ", "UTF-8").text("拝啓 貴社ますますご清栄のこととお慶び申し上げます。\n"
                        + "このたび弊社は7月1日より本社を下記へ移転いたします。電話番号・お振込先に変更はございません。", "UTF-8", "base64").build());
        m.put("jp-year-end-holiday", Eml.of(Eml.addr("ファブリカム 経理部", "keiri@fabrikam.co.jp", JIS), TO_JP)
                .subject("年末年始休業のお知らせ", JIS).text("平素は格別のお引き立てを賜り、厚く御礼申し上げます。\n"
                        + "年末年始は12月28日から1月5日まで休業いたします。期間中のお支払い・お振込みの確認は1月6日以降となります。", JIS, "7bit").build());
        m.put("jp-payment-notice-pdf", Eml.of(Eml.addr("鈴木 一郎", "suzuki@fabrikam.co.jp", "UTF-8"), TO_JP)
                .subject("支払通知書送付のご案内", "UTF-8").text("佐藤様\n\n6月分の支払通知書を添付にてお送りします。\n"
                        + "お支払い予定日は7月10日です。ご査収のほどよろしくお願いいたします。\n\n鈴木", "UTF-8", "base64")
                .attach("shiharai_tsuchi_202406.pdf", "application/pdf", pdf("Shiharai tsuchi 2024-06", "")).build());
        m.put("remittance-advice-new-customer", Eml.of("Accounts Payable <ap@sunpeak-hotels.com>", TO).subject("Remittance advice PO-1182")
                .text("Hello,\n\nplease find attached the remittance advice for your invoice 5512 (PO-1182). The payment was sent today "
                        + "by bank transfer.\n\nAccounts Payable\nSunpeak Hotels").attach("remittance_5512.pdf", "application/pdf",
                        pdf("Remittance advice 5512", "")).build());
        m.put("atlassian-password-reset", Eml.of("Atlassian <noreply@id.atlassian.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=id.atlassian.com; dkim=pass header.d=id.atlassian.com; dmarc=pass header.from=id.atlassian.com")
                .subject("Reset your Atlassian password").html("<p>We received a request to reset your password. This link expires in 1 hour.</p>"
                        + "<a href=\"https://id.atlassian.com/login/resetpassword?token=abc\">Reset password</a>").build());
        m.put("onedrive-share-real", Eml.of("Akiko Tanaka (via OneDrive) <no-reply@sharepointonline.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=sharepointonline.com; dkim=pass header.d=sharepointonline.com; dmarc=pass header.from=sharepointonline.com")
                .subject("Akiko Tanaka shared \"Board deck Q2\" with you").html("<p>Akiko Tanaka shared a file with you.</p>"
                        + "<a href=\"https://northwind-my.sharepoint.com/:p:/g/personal/akiko/EAbc\">Open</a>").build());
        m.put("customer-freemail-paid-urgent", Eml.of("Ken Walsh <kenwalsh.shop@gmail.com>", "Support <support@northwind.com>")
                .subject("Order 6120 - paid, please ship").text("Hi,\n\nI paid order 6120 by bank transfer this morning. Could you ship it "
                        + "as soon as possible? We open the new store on Monday.\n\nThanks,\nKen").build());
        m.put("partner-phone-request", Eml.of("Suzuki Ichiro <suzuki@fabrikam.co.jp>", TO).subject("Invoice question")
                .text("Hi Sarah, about invoice 7731: could you call me at +81 3 5555 0147 this afternoon? Thanks, Ichiro").build());
        m.put("hr-tax-forms-internal", Eml.of("Emily Chen <emily.chen@northwind.com>", "all@northwind.com")
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=northwind.com; dkim=pass header.d=northwind.com; dmarc=pass header.from=northwind.com")
                .subject("Your W-2 forms are available").text("Hi all,\n\nyour W-2 statements for last year are available in the HR portal. "
                        + "HR will never ask you to send tax forms by e-mail.\n\nEmily").build());
        m.put("unknown-vendor-encrypted-pdf-no", Eml.of("Laura Kim <laura.kim@brightline-cleaning.com>", TO).subject("Cleaning schedule")
                .text("Hi Sarah, the cleaning schedule for July is attached. Best, Laura")
                .attach("schedule_july.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        xlsx(new String[][] {{"Day", "Area"}, {"Mon", "Office"}})).build());
        m.put("jp-invoice-new-vendor", Eml.of(Eml.addr("さくらロジスティクス 請求担当", "seikyu@sakura-logi.co.jp", "UTF-8"), TO_JP)
                .subject("請求書送付のご案内", "UTF-8").text("ノースウィンド株式会社 御中\n\n平素よりお世話になっております。\n"
                        + "6月分のご請求書をお送りいたします。お支払いは請求書記載の口座へ月末までにお願いいたします。", "UTF-8", "base64")
                .attach("seikyusho.pdf", "application/pdf", pdf("Seikyusho", "")).build());
        m.put("linkedin-job-alert", Eml.of("LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>", TO)
                .auth("mx.northwind.com; spf=pass smtp.mailfrom=linkedin.com; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com")
                .subject("New jobs for Logistics Manager").html("<p>12 new jobs match your preferences.</p>"
                        + "<a href=\"https://www.linkedin.com/comm/jobs/view/123\">View jobs</a>"
                        + "<img src=\"https://www.linkedin.com/emimp/ip_x.gif\" width=\"1\" height=\"1\">").build());
        m.put("charity-gift-card-thanks", Eml.of("City Food Bank <hello@cityfoodbank.org>", TO).subject("Thank you for your donation")
                .html("<p>Thank you for your gift! Your donation receipt is attached. You can also give a gift card to a friend.</p>"
                        + "<a href=\"https://www.cityfoodbank.org/give\">Give again</a>").build());
    }
}
