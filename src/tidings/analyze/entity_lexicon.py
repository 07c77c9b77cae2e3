"""The word lists that entity detection reads, by language, and their matchers.

`tidings.analyze.entities` finds names without a model, so what a word is (a
title, an organisation's head word, a reporting verb, a month, a function word)
comes from these hand-kept lists. They live apart from the detection code so
that adding a language or a word touches data only. `Lexicon` turns one
language's lists into sets and prefix/suffix matchers, with jusText's stoplist
for the common words, and for Arabic indexes every written form of its trigger
words (و/ف before, a possessive after, ل/ب before a definite head).

German writes every noun with a capital, so a capitalised word there may be a
common noun ("Fussballer Juan Izquierdo", "Plattform X", "Tochter Hannah").
`Lexicon.noun` tells them apart by `wordfreq`'s word frequencies: a German
noun is frequent in German and rare in English, French, Spanish and Italian,
while a given name (Juan, Peter, Hannah) is about as frequent in all of them.
German-only surnames (Höcke, Dobrindt) look like nouns by that test too, so
`Lexicon.noun_ending` only takes a word with a noun suffix (-ung, -heit,
-schaft, -tion...): it is safe on a run's last word, where surnames stand.
"""

from __future__ import annotations

# Words by language. "x*" matches a prefix, "*x" a suffix, "*x*" anywhere.
# titles: precede a person's name; orgs: head words of organisation names; other: of
# events, laws and buildings, which are not entities;
# function: closed-class words that open sentences; time: months and weekdays;
# links: lower-case words inside names (von der Leyen, bin Salman); stoplist: the name
# of jusText's stoplist (common words); elision: articles before an apostrophe (l'ONU).
WORDS = {
    "tr": {
        "stoplist": "Turkish",
        "titles": "bakan* cumhurbaşkan* başbakan* başkan* general orgeneral korgeneral tümgeneral tuğgeneral mareşal lider* sözcü* müdür* vali valisi büyükelçi* elçisi milletvekil* direktör* kral kralı kraliçe* prens prensi prenses* papa sayın sn dr op prof doç yrd yardımcı* müsteşar* şef şefi komutan* başkonsolos* konsolos* danışman* savcı* hakim hakimi yargıç* rektör* dekan* kaymakam* başsavcı* oyuncu* şarkıcı* futbolcu* yönetmen* yazar* sanatçı* gazeteci* antrenör* hoca hocası bay bayan şeyh şeyhi imam imamı piskopos* ceo kurucu* sahibi üyesi üyeleri temsilci* koordinatör* profesör* doktor* adayı muhabir* sunucu* kaleci* golcü* patronu başkanvekil* genelkurmay -lar -ler -ları -leri -ların -lerin",
        "orgs": "*bakanlığ* bakanlık* hükümet* parti* üniversite* banka* birliğ* kurum* kurul* konsey* meclis* derneğ* dernek vakf* vakıf federasyon* kulüb* kulüp şirket* holding* grub* ajans* *müdürlüğ* *başkanlığ* belediye* teşkilat* örgüt* cephe* kuvvet* *komutanlığ* mahkeme* *savcılığ* odası enstitü* akademi* sendika* borsa* konfederasyon* platform* cemiyet* kooperatif* televizyon* gazete* radyo* merkez* ordusu lig ligi komisyon* hastane* dairesi tiyatro* okulu lisesi fakülte* kolej*",
        "other": "yönetim genel festival* bayramı kupa kupası ödülü ödülleri marşı kanun kanunu yasa yasası sarayı arena* salon salonu müze müzesi galeri galerisi havalimanı* stadı stadyum* cadde* sokağ* meydanı köprüsü camii camisi park parkı otel oteli kampüs* bulvar* mahalle* savaşı harekat* operasyon* zirvesi konferans* fuar* sergi sergisi yarışma* şampiyona* turnuva* maçı derbi* olimpiyat* gecesi günü günleri haftası yılı ayı konser* albüm* film filmi dizi dizisi kitab* roman romanı sezon* program* proje* anlaşma* sözleşme* antlaşma* paket* reform* hastalığ* sendrom* virüs* vergi* ödeme*",
        "function": "başta öncelikle bu şu o bir ve ile ama ancak fakat lakin çünkü eğer ise de da ki hem ya veya yani hatta bile gibi için kadar sonra önce daha en çok az her hiç bazı birçok tüm bütün diğer öte bunun şunun onun bunu şunu onu bunlar şunlar onlar ben sen biz siz bizim sizin benim ne neden nasıl hangi kim böyle şöyle öyle burada orada dün bugün yarın şimdi artık yine hala henüz özellikle ayrıca son ilk yeni iki üç dört beş altı yedi sekiz dokuz on yüz bin milyon milyar",
        "time": "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık pazartesi salı çarşamba perşembe cuma cumartesi pazar",
        "links": "bin ibn van von der",
    },
    "en": {
        "stoplist": "English",
        "titles": "president* minister* secretary* chancellor* senator* governor* mayor* general* gen lt col colonel* admiral* king queen prince princess pope mr mrs ms dr sir lord lady chairman chairwoman chief spokesman spokeswoman spokesperson ambassador* envoy* leader* commander* judge rep sen ceo founder coach striker actor actress singer director premier counterpart* deputy vice prime marshal sheikh emir prof professor sergeant captain lieutenant",
        "orgs": "ministry government party university bank union council committee commission agency organization organisation association federation club company corporation corp inc ltd group institute court army forces parliament assembly congress senate department office foundation fund league front movement authority administration bureau police nations alliance network press service board coalition brigades militia church tribunal academy college airlines",
        "other": "festival day war cup award awards prize act law palace stadium arena hall museum gallery airport street avenue road square bridge mosque park hotel bay river island lake mountain summit conference fair championship championships tournament games olympics series show album film movie week year",
        "function": "the a an and or but if when while as at in on of for to from by with without about after before during since until this that these those it its he she they we you i his her their our my your there here then now today yesterday tomorrow also however meanwhile yet still thus so such some many most all both each every no not one two three four five six seven eight nine ten what who which where why how according under over between among against despite",
        "time": "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday",
        "links": "de da del della di du van von der bin ibn al el la le",
    },
    "de": {
        "stoplist": "German",
        "titles": "präsident* kanzler* *kanzler *kanzlerin *minister* *chef *chefin *sprecher *sprecherin botschafter* general* herr herrn frau dr prof papst könig königin prinz prinzessin bürgermeister* vorsitzende* trainer* premier* abgeordnete* senator* gouverneur* staatssekretär* *präsident *präsidenten *präsidentin *sekretär *sekretärin kommissar* *kommissar *kommissarin direktor* *direktor *direktorin amtskollege* *kollege *kollegin sänger* schauspieler* autor* regisseur*",
        "orgs": "*ministerium regierung* partei* universität* *bank bank union *rat kommission agentur* verband* *verband verein* gesellschaft* gmbh ag konzern* gruppe* institut* *gericht gericht* armee* bundeswehr parlament* behörde* *behörde *amt stiftung* fonds liga front bewegung* polizei* zeitung* *zeitung nationen organisation* komitee* ausschuss* kirche*",
        "other": "*festival *krieg *pokal *preis *gesetz *palast *stadion *arena *halle *museum *galerie *flughafen *straße *strasse *platz *brücke *moschee *park *hotel *insel *gipfel *konferenz *messe *meisterschaft *turnier *spiele *woche",
        "function": "der die das den dem des ein eine einen einem einer eines sein seine seinen seinem seiner seines ihre ihren ihrem ihrer ihres unser unsere und oder aber doch denn weil wenn als wie so auch noch schon nur sehr mehr dann danach damit dabei dazu daher dort hier heute gestern morgen jetzt nun immer bereits zudem außerdem allerdings jedoch trotzdem nach vor bei mit von zu zum zur im am an auf aus für gegen über unter zwischen durch ohne seit bis laut wegen während er sie es wir ihr ich du man dieser diese dieses kein keine alle viele einige beide wer was wo wann warum welche welcher",
        "time": "januar jänner februar märz april mai juni juli august september oktober november dezember montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag",
        "links": "von van der den de zu bin al",
    },
    "es": {
        "stoplist": "Spanish",
        "titles": "presidente* presidenta* ministro* ministra* canciller* general* señor* sr sra don doña rey reina papa portavoz embajador* secretario* secretaria* alcalde* alcaldesa* jefe* jefa* líder* homólogo* homóloga* mariscal diputado* diputada* senador* gobernador* entrenador* director* directora* vicepresidente* dr doctor* comandante* príncipe princesa",
        "orgs": "ministerio gobierno partido universidad banco unión consejo comisión comité agencia organización asociación federación club compañía empresa grupo instituto tribunal corte ejército fuerzas parlamento asamblea congreso senado departamento oficina fundación fondo liga frente movimiento autoridad administración policía naciones alianza junta",
        "other": "festival día guerra copa premio ley palacio estadio arena sala museo galería aeropuerto calle avenida plaza puente mezquita parque hotel isla lago monte cumbre conferencia feria campeonato torneo juegos semana",
        "function": "el la los las un una unos unas y o pero si cuando mientras como en de del al por para con sin sobre tras durante desde hasta este esta estos estas ese esa eso esos esas aquel él ella ellos ellas nosotros usted su sus mi mis tu también además sin embargo entonces ahora hoy ayer mañana aquí allí ya aún todavía muy más menos todo todos toda todas cada otro otra otros otras uno dos tres según ante bajo entre contra asuntos exteriores qué quién cuál dónde cuándo cómo no se lo le les",
        "time": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo",
        "links": "de del la las los da di van von bin al el",
    },
    "fr": {
        "stoplist": "French",
        "elision": "l d j qu n s c m t",
        "titles": "président* présidente* ministre* chancelier* chancelière* général* m mme mlle monsieur madame roi reine pape porte-parole ambassadeur* ambassadrice* secrétaire* maire* chef* dirigeant* homologue* sénateur* sénatrice* député* maréchal* gouverneur* entraîneur* directeur* directrice* vice-président* dr docteur* prince* princesse* commandant* émir* cheikh*",
        "orgs": "ministère gouvernement parti université banque union conseil commission comité agence organisation association fédération club société groupe institut cour tribunal armée forces parlement assemblée sénat fondation fonds ligue front mouvement autorité administration police nations alliance office",
        "other": "festival journée guerre coupe prix loi palais stade arène salle musée galerie aéroport rue avenue boulevard place pont mosquée parc hôtel île lac mont sommet conférence salon championnat tournoi jeux semaine",
        "function": "le la les l un une des du de et ou mais si quand lorsque comme dans en sur sous pour par avec sans chez vers après avant pendant depuis selon ce cet cette ces il elle ils elles on nous vous je son sa ses leur leurs mon ma mes aussi ainsi alors puis donc car or ni pourtant cependant toutefois ensuite enfin hier demain ici là déjà encore très plus moins tout tous toute toutes chaque aucun aucune autre autres deux trois quatre entre contre malgré qui que quoi où quel quelle pourquoi comment ne pas",
        "time": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche",
        "links": "de du des d la le van von der bin ben al el",
    },
    "it": {
        "stoplist": "Italian",
        "elision": "l d dell nell all dall sull un",
        "titles": "presidente* ministro* ministra* premier cancelliere* generale* signor* sig re regina papa portavoce ambasciatore* segretario* segretaria* sindaco* capo* leader omologo* omologa* maresciallo* deputato* deputata* senatore* senatrice* governatore* allenatore* direttore* direttrice* vicepresidente* dottor* dott principe* principessa* comandante* onorevole on",
        "orgs": "ministero governo partito università banca unione consiglio commissione comitato agenzia organizzazione associazione federazione club società gruppo istituto tribunale corte esercito forze parlamento assemblea congresso senato dipartimento ufficio fondazione fondo lega fronte movimento autorità amministrazione polizia nazioni alleanza camera",
        "other": "festival giornata guerra coppa premio legge palazzo stadio arena sala museo galleria aeroporto via viale piazza ponte moschea parco hotel isola lago monte vertice conferenza fiera campionato torneo giochi settimana",
        "function": "il lo la i gli le un uno una e o ma se quando mentre come in di del della dei degli delle al alla ai agli alle da dal dalla dai su sul sulla per con senza tra fra dopo prima durante questo questa questi queste quello quella quelli quelle lui lei loro noi voi io suo sua suoi sue mio mia anche inoltre però tuttavia quindi dunque poi ora oggi ieri domani qui lì già ancora molto più meno tutto tutti tutta tutte ogni nessuno altro altra altri altre due tre secondo contro esteri affari interni che chi cui dove perché non si ne",
        "time": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "links": "de di da del della dei van von der bin al el la lo",
    },
    "pl": {
        "stoplist": "Polish",
        "titles": "prezydent* premier* minister* kanclerz* generał* pan pani pana panu panią król* królowa papież* rzecznik* rzeczniczka* ambasador* sekretarz* burmistrz* prezes* szef* szefowa* lider* marszałek* marszałka* poseł* posła* posłanka* senator* gubernator* trener* dyrektor* wicepremier* wiceminister* wiceprezydent* dr prof książę* księżna* komendant* dowódca* przewodnicząc*",
        "orgs": "ministerstw* rząd* partia* partii* uniwersytet* bank* unia* unii* rada* rady* komisj* komitet* agencj* organizacj* stowarzyszeni* federacj* klub* spółk* grup* instytut* sąd* trybunał* armi* wojsk* parlament* sejm* senat* departament* urząd* urzęd* fundacj* fundusz* lig* front* ruch* policj* narod* sojusz* kancelari*",
        "other": "festiwal* wojn* puchar* nagrod* ustaw* pałac* stadion* aren* muze* galeri* lotnisk* ulic* plac* most* meczet* park* hotel* wysp* jezior* szczyt* konferencj* mistrzostw* turniej* igrzysk*",
        "function": "i w we z ze na do od po przez dla o a ale lub albo czy jeśli gdy kiedy jak to ten ta te tego tej tym ci on ona ono oni one my wy ja jego jej ich nasz wasz też także również jednak więc zatem potem teraz dziś dzisiaj wczoraj jutro tu tam już jeszcze bardzo więcej mniej wszystko wszyscy każdy żaden inny inna inne jeden dwa trzy według wobec przed za pod nad między przeciw co kto który która które gdzie dlaczego nie się",
        "time": "styczeń stycznia luty lutego marzec marca kwiecień kwietnia maj maja czerwiec czerwca lipiec lipca sierpień sierpnia wrzesień września październik października listopad listopada grudzień grudnia poniedziałek wtorek środa środę czwartek piątek sobota sobotę niedziela niedzielę",
        "links": "von van der de",
    },
    "ru": {
        "stoplist": "Russian",
        "titles": "президент* премьер* министр* глав* канцлер* генерал* маршал* господин* госпожа король* королев* папа пресс-секретар* представител* посол* посла послу секретар* мэр* губернатор* лидер* председател* спикер* коллег* депутат* сенатор* директор* вице-* замминистр* заместител* руководител* командующ* патриарх* принц* тренер* советник* помощник*",
        "orgs": "министерств* правительств* парти* университет* банк* союз* совет* комисси* комитет* агентств* организаци* ассоциаци* федераци* клуб* компани* корпораци* групп* институт* суд* армии армия войск* парламент* дум* сенат* департамент* ведомств* фонд* лиг* фронт* движени* служб* полици* наци* альянс* администраци* управлени*",
        "other": "фестивал* войн* кубок* кубка* преми* закон* дворц* дворец стадион* арен* музе* галере* аэропорт* улиц* площад* мост* мечет* парк* отел* остров* озеро озера саммит* конференци* чемпионат* турнир*",
        "function": "и в во на с со к ко по о об от до из за для при без через после перед между а но или если когда как это этот эта эти этого этой тот та те он она оно они мы вы я его её ее их наш ваш свой также тоже однако поэтому потом затем теперь сегодня вчера завтра здесь там уже ещё еще очень более менее всё все весь каждый никто другой другие один два три согласно против что кто который которая которые где почему не ни же ли бы",
        "time": "январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август августа сентябрь сентября октябрь октября ноябрь ноября декабрь декабря понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье",
        "links": "фон ван де дель бин аль эль ибн",
    },
}
WORDS["ar"] = {
    "stoplist": "Arabic",
    "titles": "بقيادة برئاسة بزعامة الرئيس رئيس الرئيسين رئيسا رئيسة الرئيسة وزير الوزير وزيرة الوزيرة وزيري وزيرا نظيره نظيرها نظيريه نظيريهما نظيرهم نظيري الملك ملك العاهل الامير امير الاميرة ولي الشيخ المشير اللواء العميد العقيد الجنرال الفريق المقدم الرائد السفير سفير السفيرة المتحدث متحدث الناطق ناطق النائب نائب المستشار مستشار الامين امين المدير مدير المديرة زعيم الزعيم قائد القائد المبعوث مبعوث المنسق البابا السيد السيدة الدكتور الدكتورة المدرب مدرب الناخب اللاعب لاعب الفنان الفنانة الكاتب الكاتبة الروائي الشاعر الشاعرة الممثل الممثلة المطرب المطربة المغني المغنية الصحافي الصحفي الصحافية الباحث الباحثة الاستاذ الاستاذة الوالي والي عامل العامل عمدة محافظ المحافظ الحاكم حاكم المندوب النقيب القاضي المحامي المحامية الامام المفتي البروفيسور الخبير المخرج المخرجة النجم النجمة القيادي المفوض المرشح المرشحة",
    "orgs": "وزارة الوزارة حكومة الحكومة مجلس المجلس حزب الحزب جيش الجيش منظمة المنظمة الامم اتحاد الاتحاد جامعة الجامعة شركة الشركة بنك البنك وكالة الوكالة هيئة الهيئة البرلمان مؤسسة المؤسسة جمعية الجمعية نقابة النقابة محكمة المحكمة لجنة اللجنة مكتب المكتب مديرية المديرية حركة الحركة جماعة تنظيم صندوق الصندوق مصرف المصرف مجموعة المجموعة رابطة الرابطة نادي النادي المنتخب مركز المركز معهد المعهد اكاديمية جبهة الجبهة تحالف التحالف ائتلاف الائتلاف رئاسة الرئاسة ادارة الادارة ديوان الديوان مفوضية المفوضية السلطة حلف الحلف فريق الفريق",
    "function": "في من الى على عن مع لدى ان انه انها كان كانت الذي التي الذين اللذين هذا هذه ذلك تلك هو هي هم هما قد لقد لم لن لا ما ماذا كما كل بعض غير بين بعد قبل قبيل خلال عقب اثر منذ حول ضد نحو عند دون مثل حتى امام وراء فوق تحت عبر حيث ثم او اي ايضا الا لكن بل ليس اذا لو كيف متى اين وفق وفقا حسب بسبب رغم جراء تجاه ازاء بشان ضمن امس اليوم غدا الان ذاته ذاتها نفسه نفسها به بها له لها لهم قائلا قوله الحالية السابقة الجديدة المقبلة الوصية المعنية المختصة الحالي السابق الجديد المقبل المعني المختص الاخيرة الاول تم يتم الملقب الملقبة المدعو المعروف المعروفة",
    "time": "يناير فبراير مارس ابريل ماي مايو يونيو يوليو غشت اغسطس سبتمبر شتنبر اكتوبر نوفمبر نونبر ديسمبر دجنبر كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعة السبت",
    "verbs": "قال اكد اوضح اعلن ذكر اضاف صرح شدد اعتبر اشار لفت دعا طالب افاد كشف نفى حذر راى ابرز سجل تابع قالت اكدت اوضحت اعلنت ذكرت اضافت صرحت شددت اعتبرت اشارت دعت كشفت",
    "owners": "قوات ميليشيات مليشيات انصار مؤيدي مؤيدو حكومة نظام عهد ادارة",
    # nouns and prepositions that take a genitive inside a title ("وزير خارجية تركيا")
    "construct": "شرق غرب شمال جنوب وسط اقليم عمالة جهة ولاية مدينة بلدية جماعة دائرة منطقة شؤون لدى في الى باسم عن من",
    "links": "بن ابن بنت عبد ابو ولد ايت ال مولاي سيدي",  # ال: آل نهيان
}
# Languages that capitalise every noun, with the endings of their abstract nouns.
NOUN_ENDINGS = {
    "de": "ung ungen heit heiten keit keiten schaft schaften ismus tion tionen ität itäten nis nisse",
}
_NOUN_OTHERS = ("en", "fr", "es", "it")  # languages a given name is frequent in too
_NOUN_ZIPF = 3.0  # a common noun is at least this frequent in its language...
_NOUN_MARGIN = 2.5  # ...and this much less frequent in every other
_ENDING_ZIPF = 2.0  # a word with a noun ending is a noun at this frequency
_PART_LEN = 5  # the shortest tail of a compound that is tested as a noun

_TR_FOLD = str.maketrans("ıöüşçğâîû", "iouscgaiu")  # Turkish news is often typed without them

_AR_POSSESSIVE = ("هما", "هم", "ها", "نا", "ه")
TITLE, OWNER, ORG, VERB = 1, 2, 4, 8  # kinds of Arabic trigger words
NOT_A_TRIGGER = (0, "")  # (kinds, base) of a word that is none of them


class _Matcher:
    """Tests a word against "x" (exact), "x*" (prefix), "*x" (suffix), "*x*" (inside),
    "-x" (never when ending so: Turkish plurals are not titles)."""

    def __init__(self, spec: str, fold: dict[int, str] | None = None):
        items = spec.translate(fold).split() if fold else spec.split()
        self.fold = fold
        self.exact = frozenset(w for w in items if "*" not in w and w[0] != "-")
        self.prefixes = tuple(w[:-1] for w in items if w.endswith("*") and w[0] != "*")
        self.suffixes = tuple(w[1:] for w in items if w.startswith("*") and w[-1] != "*")
        self.infixes = tuple(w[1:-1] for w in items if w.startswith("*") and w.endswith("*"))
        self.never = tuple(w[1:] for w in items if w[0] == "-")

    def __call__(self, word: str) -> bool:
        if self.fold:
            word = word.translate(self.fold)
        found = (
            word in self.exact
            or word.startswith(self.prefixes)
            or word.endswith(self.suffixes)
            or (bool(self.infixes) and any(part in word for part in self.infixes))
        )
        return found and not word.endswith(self.never)


class Lexicon:
    """One language's word lists as sets and matchers, with jusText's stoplist."""

    def __init__(self, words: dict[str, str], stop: frozenset[str], lang: str):
        fold = _TR_FOLD if lang == "tr" else None
        self.lang = lang
        self.noun_endings = tuple(NOUN_ENDINGS.get(lang, "").split())
        self.zipf_: dict[tuple[str, str], float] = {}
        self.frequent_: dict[str, bool] = {}
        self.stop = stop
        self.titles = _Matcher(words["titles"], fold)
        self.orgs = _Matcher(words["orgs"], fold)
        self.other = _Matcher(words.get("other", ""), fold)
        self.function = frozenset(words["function"].split())
        self.time = frozenset(words["time"].split())
        self.links = frozenset(words["links"].split())
        self.construct = frozenset(words.get("construct", "").split())
        self.elision = frozenset(words.get("elision", "").split())
        self.triggers: dict[str, tuple[int, str]] = {}
        if lang == "ar":
            self._arabic_triggers(words)

    def _arabic_triggers(self, words: dict[str, str]) -> None:
        """Each written form of an Arabic title, owner, org head or verb -> (kinds, base):
        with و or ف before it, a possessive after a title (رئيسنا), ل or ب before a
        definite head (للأمم، بالأمم)."""
        names = ("titles", "owners", "orgs", "verbs")
        for kind, name in zip((TITLE, OWNER, ORG, VERB), names, strict=True):
            for base in words[name].split():
                forms = [base]
                if kind == TITLE:
                    forms += [base + suffix for suffix in _AR_POSSESSIVE]
                if kind == ORG and base.startswith("ال"):
                    forms += ["ل" + base[1:], "ب" + base]
                for form in forms:
                    for written in (form, "و" + form, "ف" + form):
                        kinds, first = self.triggers.get(written, (0, base))
                        self.triggers[written] = (kinds | kind, first)

    def kinds(self, word: str) -> int:
        return self.triggers.get(word, NOT_A_TRIGGER)[0]

    def noun_ending(self, word: str) -> bool:
        """Whether lower-case `word` is a common noun by its ending (Forderung,
        Pünktlichkeit, Kombination): only in a language that capitalises nouns."""
        return bool(self.noun_endings) and self._ending_noun(word)

    def noun(self, word: str) -> bool:
        """Whether lower-case `word` is a common noun, in a language that capitalises
        nouns: by its ending, or frequent in the language and rare in others
        (Fussballer, Tochter, Plattform), or a compound ending in such a noun
        (SpaceX-Gründer, Kantonschemiker). Given names pass (Juan, Peter, Hannah)."""
        if not self.noun_endings:
            return False
        if self.noun_ending(word):
            return True
        if "-" in word:  # SpaceX-Gründer, SVP-Nationalrat
            word = word.rsplit("-", 1)[1]
        if self._frequent_noun(word):
            return True
        # a rare compound whose tail is a common noun: Kantonschemiker, Billigfluglinie
        return self._zipf(word, self.lang) < _NOUN_ZIPF and any(
            self._frequent_noun(word[k:]) for k in range(3, len(word) - _PART_LEN + 1)
        )

    def _zipf(self, word: str, lang: str) -> float:
        # Memoised on the lexicon: the same words recur across articles.
        key = (word, lang)
        if len(self.zipf_) > _MEMO_SIZE:  # a long stream meets ever new words
            self.zipf_.clear()
            self.frequent_.clear()
        if key not in self.zipf_:
            from wordfreq import zipf_frequency  # loads its lists on first use

            self.zipf_[key] = zipf_frequency(word, lang)
        return self.zipf_[key]

    def _frequent_noun(self, word: str) -> bool:
        """Frequent in the language and much rarer in the other languages (Tochter, Kanton)."""
        if word not in self.frequent_:
            freq = self._zipf(word, self.lang)
            rarer = freq - max(self._zipf(word, other) for other in _NOUN_OTHERS)
            self.frequent_[word] = freq >= _NOUN_ZIPF and rarer >= _NOUN_MARGIN
        return self.frequent_[word]

    def _ending_noun(self, word: str) -> bool:
        """A frequent word with a noun ending (Forderung), or a compound ending in one
        (Rettungsorganisation); short words are names too (Jung, Dennis)."""
        ending = next((e for e in self.noun_endings if word.endswith(e)), "")
        if not ending or len(word) < len(ending) + 4:
            return False
        if self._zipf(word, self.lang) >= _ENDING_ZIPF:
            return True
        return len(ending) >= 4 and any(
            self._zipf(word[k:], self.lang) >= _NOUN_ZIPF
            for k in range(3, len(word) - _PART_LEN + 1)
        )


_MEMO_SIZE = 100_000


def build_lexicon(lang: str) -> Lexicon:
    """The lexicon for `lang` (English lists for a language without its own)."""
    # The stoplists are files in jusText's package: imported on first use.
    import justext

    words = WORDS.get(lang, WORDS["en"])
    # jusText lower-cases İ to i + combining dot; ours have a plain i
    stop = frozenset(w.replace("i\u0307", "i") for w in justext.get_stoplist(words["stoplist"]))
    return Lexicon(words, stop, lang)
