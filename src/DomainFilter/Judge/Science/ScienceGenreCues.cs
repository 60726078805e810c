namespace SciCurate.DomainFilter.Judge.Science;

/// <summary>
/// Kinds of genre evidence (feature schema 4): what a page does with its topic rather than what the topic is. A page
/// that reports research (study, results, we, may, et al., units, citations) and one that administers or argues about
/// a field (apply, deadline, programme, policy, minister, professor, contact) share the field's words; these counts,
/// tied across many words and the detector's languages, let the few hundred labelled science pages teach the
/// difference.
/// </summary>
public enum GenreCue
{
    /// <summary>study, research, researchers, findings, evidence (Studie, Forschung, étude, 研究 …).</summary>
    Research,

    /// <summary>methods, results, data, analysis, sample, participants, significant, measured, hypothesis.</summary>
    MethodResult,

    /// <summary>may, might, suggest, likely, possibly, indicate: the hedges of reported findings.</summary>
    Hedge,

    /// <summary>we, our: authors speaking of their own work.</summary>
    FirstPersonPlural,

    /// <summary>doi, journal, vol, pp, arxiv, pubmed, "et al.", "[12]", "(2019)".</summary>
    Citation,

    /// <summary>mg, nm, kpa, mmol, hz …</summary>
    Unit,

    /// <summary>apply, deadline, admission, course, tuition, programme, enrol, register: education and event administration.</summary>
    Programme,

    /// <summary>policy, government, minister, legislation, stakeholders, strategy, initiative, funding.</summary>
    Policy,

    /// <summary>professor, phd, biography, joined, interests, contact, phone, email: profiles and directories.</summary>
    Profile,

    /// <summary>price, cart, shipping, buy, order, sale.</summary>
    Commerce,

    /// <summary>Number tokens (any run of digits).</summary>
    Number,

    /// <summary>The percent sign.</summary>
    Percent,
}

/// <summary>The cue words of each <see cref="GenreCue"/>, in the detector's eight function-word languages (en, de, fr,
/// es, it, pt, nl, ru), Polish and Chinese (two-character words, matched as pairs of Han characters).</summary>
public static class ScienceGenreCues
{
    public const int Kinds = 12;

    public static readonly IReadOnlyDictionary<GenreCue, string> Words = new Dictionary<GenreCue, string>
    {
        [GenreCue.Research] =
            "study studies studied research researcher researchers scientist scientists findings finding evidence experiment experiments experimental investigated investigation theory theories hypothesis scientific "
            + "studie studien forschung forscher forscherin forschende wissenschaftler wissenschaftlerin untersuchung untersuchungen experiment experimente befunde hypothese theorie wissenschaftlich wissenschaftliche "
            + "étude études recherche recherches chercheur chercheurs chercheuse scientifique scientifiques expérience hypothèse théorie "
            + "estudio estudios investigación investigaciones investigador investigadores científico científicos experimento hipótesis teoría "
            + "studio studi ricerca ricerche ricercatore ricercatori scienziati scientifico scientifica esperimento ipotesi teoria "
            + "estudo estudos pesquisa pesquisas pesquisador pesquisadores cientistas científica investigação "
            + "onderzoek onderzoeken onderzoeker onderzoekers wetenschapper wetenschappers wetenschappelijk wetenschappelijke hypothese theorie "
            + "badanie badania badań naukowcy naukowców naukowy naukowe eksperyment hipoteza teoria "
            + "исследование исследования исследований исследователи учёные ученые научный научные эксперимент гипотеза теория",
        [GenreCue.MethodResult] =
            "method methods methodology results result data analysis analyses sample samples participants patients subjects significant significantly measured measurement measurements observed correlation concentration concentrations rate rates effect effects mechanism model models estimated average mean variance distribution cells protein species temperature "
            + "methode methoden ergebnis ergebnisse daten analyse analysen probe proben teilnehmer patienten probanden signifikant gemessen messung messungen beobachtet korrelation konzentration wirkung mechanismus modell durchschnittlich zellen "
            + "méthode méthodes résultat résultats données analyse échantillon échantillons participants patients significatif mesuré mesure mesures observé corrélation concentration effet mécanisme modèle moyenne cellules "
            + "método métodos resultado resultados datos análisis muestra muestras participantes pacientes significativo medido medición observado correlación concentración efecto mecanismo modelo promedio células "
            + "metodo metodi risultato risultati dati analisi campione campioni partecipanti pazienti significativo misurato misura osservato correlazione concentrazione effetto meccanismo modello media cellule "
            + "métodos resultado dados análise amostra amostras participantes pacientes medido observado correlação concentração efeito mecanismo modelo média células "
            + "methode resultaten gegevens analyse steekproef deelnemers patiënten significant gemeten meting waargenomen correlatie concentratie effect mechanisme model gemiddeld cellen "
            + "metoda metody wynik wyniki dane analiza próba próbki uczestnicy pacjenci istotnie zmierzono pomiar zaobserwowano korelacja stężenie efekt mechanizm model średnia komórki "
            + "метод методы результат результаты данные анализ выборка участники пациенты значимо измерение наблюдали корреляция концентрация эффект механизм модель среднее клетки",
        [GenreCue.Hedge] =
            "may might could suggest suggests suggested likely unlikely possibly potentially appears indicate indicates indicated whether however although "
            + "könnte könnten möglicherweise vermutlich wahrscheinlich deuten deutet hinweise jedoch allerdings "
            + "pourrait pourraient peut suggère suggèrent probablement semble indiquent cependant toutefois "
            + "podría podrían sugiere sugieren probablemente parece indican embargo aunque "
            + "potrebbe potrebbero suggerisce suggeriscono probabilmente sembra indicano tuttavia sebbene "
            + "poderia poderiam sugere sugerem provavelmente parece indicam entanto embora "
            + "zou zouden suggereert waarschijnlijk mogelijk lijkt wijzen echter hoewel "
            + "może mogą sugeruje prawdopodobnie wydaje wskazują jednak chociaż "
            + "может могут предполагает вероятно возможно видимо указывают однако хотя",
        [GenreCue.FirstPersonPlural] =
            "we our ours wir unsere unser unseren unserer uns nous notre nos nosotros nosotras nuestro nuestra nuestros nuestras noi nostro nostra nostri nostre nós nosso nossa nossos nossas "
            + "wij we ons onze my nasz nasza nasze naszych мы наш наша наши нас",
        [GenreCue.Citation] =
            "doi journal journals vol pp isbn issn arxiv pubmed pmid proceedings abstract references bibliography cited preprint "
            + "literatur literaturverzeichnis zeitschrift bibliographie références revue referencias revista bibliografia riferimenti rivista referências literatuur tijdschrift bibliografia czasopismo литература журнал",
        [GenreCue.Unit] =
            "mg kg µg μg ng mm cm km nm µm μm ml µl μl mmol µmol μmol mol hz khz mhz ghz kpa mpa gpa ev kev mev gev kda bp kb mw kw gw kwh mwh ppm ppb mv kv",
        [GenreCue.Programme] =
            "apply application applications deadline deadlines admission admissions enrol enroll enrolment enrollment course courses curriculum tuition fees semester undergraduate postgraduate degree degrees programme programmes program programs module modules register registration workshop workshops seminar seminars webinar scholarship scholarships internship "
            + "bewerbung bewerben frist zulassung studiengang studiengänge kurs kurse lehrplan semester studiengebühren anmeldung anmelden seminar seminare stipendium praktikum "
            + "candidature candidatures inscription inscriptions admission cours formation formations cursus diplôme bourse atelier "
            + "solicitud inscripción admisión curso cursos matrícula grado máster programa programas taller becas beca prácticas "
            + "candidatura iscrizione iscrizioni ammissione corso corsi laurea programma seminario borsa tirocinio "
            + "inscrição inscrições admissão curso cursos graduação programa programas bolsa estágio "
            + "aanmelden inschrijving toelating opleiding opleidingen cursus cursussen studiepunten beurs "
            + "rekrutacja zapisy kierunek kierunki studia kurs kursy stypendium praktyki "
            + "поступление абитуриент курс курсы программа программы стипендия стажировка",
        [GenreCue.Policy] =
            "policy policies government governments minister ministry legislation legislative regulation regulations bill parliament congress senate federal agency stakeholders stakeholder strategy strategic initiative initiatives partnership partnerships funding advocacy campaign reform "
            + "politik regierung minister ministerium gesetz gesetzgebung verordnung bundestag bund strategie initiative förderung partnerschaft reform "
            + "politique politiques gouvernement ministre ministère législation règlement loi parlement stratégie initiative financement partenariat réforme "
            + "política políticas gobierno ministro ministerio legislación reglamento ley congreso estrategia iniciativa financiación reforma "
            + "politica politiche governo ministro ministero legislazione regolamento legge parlamento strategia iniziativa finanziamento riforma "
            + "governo ministério legislação regulamento lei estratégia iniciativa financiamento reforma "
            + "beleid regering minister ministerie wetgeving regelgeving wet kamer strategie initiatief financiering hervorming "
            + "polityka rząd minister ministerstwo ustawa przepisy sejm strategia inicjatywa finansowanie reforma "
            + "политика правительство министр министерство закон законодательство стратегия инициатива финансирование реформа",
        [GenreCue.Profile] =
            "professor prof dr phd biography bio cv joined graduated received teaches interests contact phone tel fax email office address hours "
            + "lebenslauf werdegang kontakt telefon sprechstunde büro "
            + "biographie parcours contact téléphone bureau "
            + "biografía contacto teléfono despacho "
            + "biografia contatti telefono ufficio contato telefone "
            + "biografie telefoon kantoor "
            + "biografia kontakt telefon "
            + "биография контакты телефон",
        [GenreCue.Commerce] =
            "price prices cart basket checkout shipping delivery buy order orders sale discount stock shop "
            + "preis preise warenkorb versand kaufen bestellen angebot "
            + "prix panier livraison acheter commander promo "
            + "precio precios carrito envío comprar pedido oferta "
            + "prezzo prezzi carrello spedizione acquista ordina offerta "
            + "preço preços carrinho frete comprar pedido "
            + "prijs prijzen winkelwagen verzending kopen bestellen "
            + "cena ceny koszyk dostawa kup zamów "
            + "цена цены корзина доставка купить заказ",
    };

    /// <summary>Chinese two-character cue words (simplified and traditional), matched as pairs of Han characters.</summary>
    public static readonly IReadOnlyDictionary<GenreCue, string> ChinesePairs = new Dictionary<GenreCue, string>
    {
        [GenreCue.Research] = "研究 科学 科學 实验 實驗 学者 學者 理论 理論 假设 假設 发现 發現",
        [GenreCue.MethodResult] = "结果 結果 数据 數據 分析 方法 样本 樣本 患者 显著 顯著 测量 測量 观察 觀察 模型 细胞 細胞",
        [GenreCue.Hedge] = "可能 表明 提示 或许 或許 然而",
        [GenreCue.FirstPersonPlural] = "我们 我們",
        [GenreCue.Citation] = "文献 文獻 期刊 论文 論文 摘要 引用",
        [GenreCue.Programme] = "招生 申请 申請 报名 報名 课程 課程 学费 學費 学位 學位 培训 培訓",
        [GenreCue.Policy] = "政策 政府 部长 部長 法规 法規 战略 戰略 改革 规划 規劃",
        [GenreCue.Profile] = "教授 简历 簡歷 联系 聯繫 电话 電話 邮箱 郵箱",
        [GenreCue.Commerce] = "价格 價格 购买 購買 购物 購物 订单 訂單 包邮 優惠 优惠",
    };
}
