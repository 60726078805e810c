using System.Diagnostics;
using System.Globalization;
using System.Text;
using SciCurate.DomainFilter.Text;

// dedup-bench [documents] [planted-share]: a synthetic corpus of documents drawn from a Zipf vocabulary, with planted
// near copies (1–10% of words replaced), exact copies, and template pages that share a boilerplate block but are
// distinct (hard negatives). Signs every document on one thread (documents per second per core), clusters with the
// configured LSH and with FineWeb's 14×8, and prints cluster precision and recall per change rate.
var documents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var inv = CultureInfo.InvariantCulture;
const int Vocabulary = 50_000;
double[] rates = [0.01, 0.02, 0.03, 0.04, 0.05, 0.08, 0.10];

var LogVocabulary = Math.Log(Vocabulary + 1);
var words = Enumerable.Range(0, Vocabulary).Select(i => Word(i)).ToArray();
var boilerplate = string.Join(' ', Enumerable.Range(0, 60).Select(i => words[(i * 7919) % Vocabulary]));

// Layout: originals first, then planted copies (each names its source), then template pages.
var nearCopies = documents / 25;     // 4% of the corpus
var exactCopies = documents / 100;   // 1%
var templates = documents / 50;      // 2%
var originals = documents - nearCopies - exactCopies - templates;
var source = new int[documents];
var rate = new double[documents];
for (var i = 0; i < documents; i++)
{
    source[i] = i;
}

var pick = new Random(42);
for (var k = 0; k < nearCopies; k++)
{
    var id = originals + k;
    source[id] = pick.Next(originals);
    rate[id] = rates[k % rates.Length];
}

for (var k = 0; k < exactCopies; k++)
{
    source[originals + nearCopies + k] = pick.Next(originals);
}

var options = new MinHashOptions();
var signer = new MinHashSigner(options);
var set = new SignatureSet(options.Hashes, documents);
// Speed: 20,000 documents of the corpus held in memory, signed on one thread, timed by the process's CPU time (the
// machine is shared: wall time would count other processes' turns) and by wall time.
var sample = new List<string>();
var sb = new StringBuilder();
for (var i = 0; i < Math.Min(20_000, documents); i++)
{
    Generate(i * (documents / Math.Min(20_000, documents)), sb);
    sample.Add(sb.ToString());
}

foreach (var t in sample.Take(1000))
{
    signer.Sign(t);
}

var self = Process.GetCurrentProcess();
var cpu0 = self.TotalProcessorTime;
var wall = Stopwatch.StartNew();
const int Rounds = 3;
long sampleWords = 0;
for (var r = 0; r < Rounds; r++)
{
    foreach (var t in sample)
    {
        sampleWords += signer.Sign(t)!.Words;
    }
}

self.Refresh();
var cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
var signed = sample.Count * Rounds;
Console.WriteLine(string.Create(inv, $"signature speed (one thread, {signed:N0} signatures of {sampleWords / (double)signed:F0} words): {signed / cpu:N0} documents/s per core by CPU time, {signed / wall.Elapsed.TotalSeconds:N0} by wall time ({sampleWords / cpu / 1e6:F1} M words/s)"));
sample.Clear();

// Generation and signing on all cores, chunk by chunk; each thread times only its Sign calls, so the rate below is
// per core whatever the number of threads.
var signTicks = 0L;
var total = Stopwatch.StartNew();
long wordsTotal = 0;
const int Chunk = 8192;
var chunk = new DocumentSignature[Chunk];
var texts = new ThreadLocal<StringBuilder>(() => new StringBuilder(8192));
for (var start = 0; start < documents; start += Chunk)
{
    var n = Math.Min(Chunk, documents - start);
    Parallel.For(0, n, j =>
    {
        var text = texts.Value!;
        Generate(start + j, text);
        var chars = text.ToString();
        var clock = Stopwatch.GetTimestamp();
        chunk[j] = signer.Sign(chars)!;
        Interlocked.Add(ref signTicks, Stopwatch.GetTimestamp() - clock);
    });
    for (var j = 0; j < n; j++)
    {
        wordsTotal += chunk[j].Words;
        set.Add(chunk[j]);
    }
}

var signTime = TimeSpan.FromSeconds(signTicks / (double)Stopwatch.Frequency);

var generateAndSign = total.Elapsed;
Console.WriteLine(string.Create(inv, $"corpus: {documents:N0} documents ({originals:N0} originals, {nearCopies:N0} near copies at {string.Join("/", rates.Select(r => $"{r:P0}"))} of words changed, {exactCopies:N0} exact copies, {templates:N0} template pages sharing a 60-word block); {wordsTotal / (double)documents:F0} words per document"));
Console.WriteLine(string.Create(inv, $"full corpus: generation + signing {generateAndSign.TotalSeconds:F1} s wall on {Environment.ProcessorCount} cores (Sign calls {signTime.TotalSeconds:F1} s of thread wall time)"));
Console.WriteLine(string.Create(inv, $"index memory: {(long)options.Hashes * 4 + 8} bytes/document of signatures + 12 bytes/document for the band being sorted = {((options.Hashes * 4 + 8 + 12) * 1e6) / (1 << 20):N0} MiB per million documents; GC heap now {GC.GetTotalMemory(false) / (1 << 20):N0} MiB"));

foreach (var (name, o) in new[]
{
    ("configured 28x4, similarity >= 0.5", options),
    ("FineWeb 14x8, no check", new MinHashOptions { Bands = 14, RowsPerBand = 8, MinSimilarity = 0 }),
})
{
    var clock = Stopwatch.StartNew();
    var roots = new MinHashLshClusterer(o).Cluster(set);
    var elapsed = clock.Elapsed;
    Report(name, roots, elapsed);
}

return 0;

void Report(string name, int[] roots, TimeSpan elapsed)
{
    // Recall: a planted copy is found when it lands in its source's cluster.
    var found = new Dictionary<double, (int Found, int Total)>();
    int exactFound = 0;
    for (var i = originals; i < originals + nearCopies + exactCopies; i++)
    {
        var hit = roots[i] == roots[source[i]];
        if (i < originals + nearCopies)
        {
            var (f, t) = found.GetValueOrDefault(rate[i]);
            found[rate[i]] = (f + (hit ? 1 : 0), t + 1);
        }
        else
        {
            exactFound += hit ? 1 : 0;
        }
    }

    // Pairwise precision: of the pairs the clusters join, the share that are copies of one original.
    var clusters = new Dictionary<int, Dictionary<int, int>>();
    for (var i = 0; i < roots.Length; i++)
    {
        if (!clusters.TryGetValue(roots[i], out var families))
        {
            clusters[roots[i]] = families = [];
        }

        families[source[i]] = families.GetValueOrDefault(source[i]) + 1;
    }

    long pairs = 0, truePairs = 0;
    var falseClusters = 0;
    foreach (var families in clusters.Values)
    {
        long size = families.Values.Sum();
        pairs += size * (size - 1) / 2;
        truePairs += families.Values.Sum(n => (long)n * (n - 1) / 2);
        falseClusters += families.Count > 1 ? 1 : 0;
    }

    var fewPercent = found.Where(f => f.Key <= 0.05).Aggregate((0, 0), (a, f) => (a.Item1 + f.Value.Found, a.Item2 + f.Value.Total));
    Console.WriteLine(string.Create(inv, $"{name}: clustering {elapsed.TotalSeconds:F1} s; pairwise precision {(pairs == 0 ? 1 : truePairs / (double)pairs):P3} ({pairs - truePairs:N0} false pairs, {falseClusters:N0} clusters mixing originals); recall 1–5% changed {fewPercent.Item1 / (double)fewPercent.Item2:P2} ({fewPercent.Item1:N0}/{fewPercent.Item2:N0}), exact {exactFound / (double)exactCopies:P2}"));
    Console.WriteLine("  recall by words changed: " + string.Join(", ", found.OrderBy(f => f.Key).Select(f => string.Create(inv, $"{f.Key:P0} {f.Value.Found / (double)f.Value.Total:P2}"))));
}

void Generate(int id, StringBuilder into)
{
    into.Clear();
    if (id >= originals + nearCopies + exactCopies)
    {
        // A template page: shared boilerplate, then its own words.
        into.Append(boilerplate).Append(' ');
        AppendWords(new Random(id * 31 + 7), 100 + id % 200, into, 0, null);
        return;
    }

    var seed = source[id];
    var random = new Random(seed * 31 + 7);
    var count = 100 + random.Next(500);
    AppendWords(random, count, into, rate[id], new Random(id));
}

void AppendWords(Random random, int count, StringBuilder into, double change, Random? changes)
{
    for (var w = 0; w < count; w++)
    {
        // Zipf(1) by the continuous inverse of the harmonic CDF.
        var word = words[Math.Min(Vocabulary - 1, (int)Math.Exp(random.NextDouble() * LogVocabulary) - 1)];
        if (changes is not null && change > 0 && changes.NextDouble() < change)
        {
            into.Append("zq").Append(changes.Next(1_000_000));
        }
        else
        {
            into.Append(word);
        }

        into.Append(w % 17 == 16 ? ". " : " ");
    }
}

static string Word(int i)
{
    // Pronounceable, distinct: base-20 consonant-vowel syllables.
    const string consonants = "bcdfghjklmnprstvwxz";
    const string vowels = "aeiou";
    var sb = new StringBuilder();
    var n = i + 1;
    while (n > 0)
    {
        sb.Append(consonants[n % consonants.Length]).Append(vowels[n / consonants.Length % vowels.Length]);
        n /= consonants.Length * vowels.Length;
    }

    return sb.ToString();
}
