using System.Text.Json;
using SciCurate.DomainFilter.Judge;
using SciCurate.DomainFilter.Judge.Science;
using SciCurate.DomainFilter.Judge.Science.Training;
using SciCurate.DomainFilter.Web;

namespace SciCurate.DomainFilter.Tests.Judge;

/// <summary>The offline judge's science classifier: the shipped model on real pages, load checks, aggregation.</summary>
public sealed class ScienceClassifierTests : IDisposable
{
    /// <summary>The model shipped in configs/models, copied beside the tests.</summary>
    private static readonly string ShippedModel = SciCurate.TestSupport.TestData.DataFile("models/science_classifier.onnx");

    private readonly string _dir = Directory.CreateTempSubdirectory("science-model-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (string Url, string Text) Benchmark(string idPrefix)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(WebPages.BenchmarkDir, "ground-truth.json")));
        var page = json.RootElement.EnumerateObject().Single(p => p.Name.StartsWith(idPrefix, StringComparison.Ordinal)).Value;
        return (page.GetProperty("url").GetString()!, page.GetProperty("articleBody").GetString()!);
    }

    private static WebDocument Page(string url, string text) => new()
    {
        DocId = url,
        Url = url,
        Domain = RegisteredDomain.OfUrl(url),
        Source = "test",
        Status = WebPageStatus.Ok,
        Text = text,
    };

    private static DomainSample Sample(params WebDocument[] pages) =>
        new(DomainProfile.Of(pages[0].Domain, pages.Select(PageRef.Of).ToList()), pages);

    [Fact]
    public void ShippedModel_ScoresRealSciencePageAboveThreshold_AndNewsBelow()
    {
        using var model = new OnnxScienceClassifier(ShippedModel);
        var science = Benchmark("14cc2a0c"); // sciencealert.com: water plumes on Europa (labelled science)
        var cars = Benchmark("05844573");    // ctpost.com: SUVs at the L.A. auto show (labelled not)
        var celebrity = Benchmark("0ec95c72"); // entermedia.co.kr: a Korean celebrity column (labelled not)
        var scores = model.Score([new ScienceInput(science.Url, null, science.Text), new ScienceInput(cars.Url, null, cars.Text), new ScienceInput(celebrity.Url, null, celebrity.Text)]);
        Assert.All(scores, s => Assert.True(s.HasText));
        Assert.True(scores[0].Probability >= model.Threshold, $"Europa page {scores[0].Probability:F3} < threshold {model.Threshold}");
        Assert.True(scores[1].Probability < model.Threshold, $"auto show page {scores[1].Probability:F3} ≥ threshold {model.Threshold}");
        Assert.True(scores[2].Probability < model.Threshold, $"celebrity page {scores[2].Probability:F3} ≥ threshold {model.Threshold}");
    }

    [Fact]
    public void Judge_KeepsScienceDomain_WhenEmptyPagesDoNotVote()
    {
        using var model = new OnnxScienceClassifier(ShippedModel);
        var judge = new OfflineDomainJudge(new OfflineDomainJudgeOptions(), model);
        var science = Benchmark("14cc2a0c");
        var verdict = judge.Judge(Sample(
            Page(science.Url, science.Text),
            Page("https://www.sciencealert.com/space", ""),
            Page("https://www.sciencealert.com/health", "Menu Home Latest"),
            Page("https://www.sciencealert.com/nature", "")));

        Assert.Equal(DomainDecision.Keep, verdict.Decision);
        Assert.Equal("offline", verdict.Judge);
        Assert.Equal("offline-v2:" + model.ModelId, verdict.JudgeVersion);
        Assert.Contains("mean probability of 1 sampled pages with text; 3 without text do not vote", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains(science.Url, verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_DropsDomain_WhenNoSampledPageHasText()
    {
        using var model = new OnnxScienceClassifier(ShippedModel);
        var judge = new OfflineDomainJudge(new OfflineDomainJudgeOptions(), model);
        var verdict = judge.Judge(Sample(Page("https://radio.example.org/science", ""), Page("https://radio.example.org/science/2", "  ")));
        Assert.Equal(DomainDecision.Drop, verdict.Decision);
        Assert.Contains("no sampled page has text", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_DropsNewsDomain_WithReasonNamingPages()
    {
        using var model = new OnnxScienceClassifier(ShippedModel);
        var judge = new OfflineDomainJudge(new OfflineDomainJudgeOptions(), model);
        var cars = Benchmark("05844573");
        var verdict = judge.Judge(Sample(Page(cars.Url, cars.Text), Page(cars.Url + "?p=2", cars.Text[..2000])));
        Assert.Equal(DomainDecision.Drop, verdict.Decision);
        Assert.Contains("off-topic", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("strongest", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("weakest", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainScience_IgnoresPagesWithoutText()
    {
        var d = DomainScience.Of([new PageScience(true, 0.9), new PageScience(false, 0), new PageScience(true, 0.5), new PageScience(false, 0)]);
        Assert.Equal(0.7, d.Probability!.Value, 6);
        Assert.Equal(2, d.Voting);
        Assert.Equal(2, d.Silent);
        Assert.Equal(0, d.StrongestIndex);
        Assert.Null(DomainScience.Of([new PageScience(false, 0)]).Probability);
    }

    [Fact]
    public void Load_RefusesMissingModel() =>
        Assert.Contains("not found", Assert.Throws<ScienceModelException>(() => new OnnxScienceClassifier(System.IO.Path.Combine(_dir, "none.onnx"))).Message, StringComparison.Ordinal);

    [Fact]
    public void Load_RefusesFileThatIsNotOnnx()
    {
        var path = System.IO.Path.Combine(_dir, "junk.onnx");
        File.WriteAllText(path, "this is not a model");
        Assert.Contains("not a loadable ONNX model", Assert.Throws<ScienceModelException>(() => new OnnxScienceClassifier(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesModelOfAnotherFeatureSchema()
    {
        var info = new ScienceModelInfo { ModelId = "future", FeatureSpec = new ScienceFeatureSpec { SchemaVersion = ScienceFeatureSpec.CurrentSchemaVersion + 1, Buckets = 16 }, Threshold = 0.5 };
        var path = Write("future.onnx", info, withSidecar: false);
        var e = Assert.Throws<ScienceModelException>(() => new OnnxScienceClassifier(path));
        Assert.Contains("does not match this build's features", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("curate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesModelWithoutFeatureSpec()
    {
        var path = System.IO.Path.Combine(_dir, "bare.onnx");
        File.WriteAllBytes(path, OnnxLinearGraph.Build(new float[16], 0, 1, 0, []));
        Assert.Contains("names no feature spec", Assert.Throws<ScienceModelException>(() => new OnnxScienceClassifier(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RefusesSidecarOfAnotherModel()
    {
        var info = new ScienceModelInfo { ModelId = "m", FeatureSpec = new ScienceFeatureSpec { Buckets = 16 }, Threshold = 0.5 };
        var path = Write("m.onnx", info, withSidecar: false);
        new ScienceModelInfo { ModelId = "other", FeatureSpec = new ScienceFeatureSpec { Buckets = 32 }, Threshold = 0.5 }.Save(path);
        Assert.Contains("belongs to another model", Assert.Throws<ScienceModelException>(() => new OnnxScienceClassifier(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainedModel_RunsInOnnxRuntime_AsTheTrainerComputes()
    {
        // Two tiny topics in three scripts: the trainer must separate them and the ONNX graph must agree with it.
        var spec = new ScienceFeatureSpec { Buckets = 1 << 12, MinLetters = 1 };
        var hasher = new ScienceFeatureHasher(spec);
        string[] science = ["the enzyme binds the protein receptor in the cell", "quantum field theory predicts the particle mass", "die Zelle teilt sich und das Protein faltet sich", "蛋白质 在 细胞 中 折叠 酶 结合"];
        string[] other = ["add the shoes to your cart for free shipping", "the football club won the cup final on sunday", "Jetzt im Shop kaufen und Versand sparen", "足球 比赛 周日 决赛 门票 购物"];
        var examples = science.Select(t => new TrainingExample(hasher.Hash(null, t), true)).Concat(other.Select(t => new TrainingExample(hasher.Hash(null, t), false))).ToList();
        var model = LogisticRegressionTrainer.Train(examples, spec.Buckets, new LogisticRegressionOptions { L2 = 1e-3 });
        var again = LogisticRegressionTrainer.Train(examples, spec.Buckets, new LogisticRegressionOptions { L2 = 1e-3 });
        Assert.Equal(model.Weights, again.Weights);

        var info = new ScienceModelInfo { ModelId = "tiny", FeatureSpec = spec, Threshold = 0.5 };
        var path = System.IO.Path.Combine(_dir, "tiny.onnx");
        File.WriteAllBytes(path, OnnxLinearGraph.Build(model.Weights, model.Bias, 2.0, -0.5, info.Metadata()));
        using var onnx = new OnnxScienceClassifier(path);
        var scores = onnx.Score([.. science.Concat(other).Select(t => new ScienceInput(null, null, t))]);
        for (var i = 0; i < examples.Count; i++)
        {
            Assert.Equal(PlattCalibration.Apply(model.Logit(examples[i].Features), 2.0, -0.5), scores[i].Probability, 5);
            Assert.Equal(i < science.Length, scores[i].Probability > PlattCalibration.Apply(0, 2.0, -0.5));
        }
    }

    [Fact]
    public void Hasher_IsDeterministic_AndSplitsChineseIntoCharacters()
    {
        var hasher = new ScienceFeatureHasher(new ScienceFeatureSpec());
        var a = hasher.Hash("标题", "量子力学是物理学的分支");
        var b = new ScienceFeatureHasher(new ScienceFeatureSpec()).Hash("标题", "量子力学是物理学的分支");
        Assert.Equal(a.Indices, b.Indices);
        Assert.Equal(a.Values, b.Values);
        Assert.True(a.Count >= 20, $"{a.Count} features from 13 Chinese characters (words and pairs)");
        Assert.Equal(1.0, Math.Sqrt(a.Values.Sum(v => (double)v * v)), 5);
        // Digits are one symbol: years and measurements do not each make a feature of their own.
        Assert.Equal(hasher.Hash(null, "measured 1234 nm").Indices.Order(), hasher.Hash(null, "measured 9876 nm").Indices.Order());
        Assert.False(ScienceFeatureHasher.HasText("  \n ", 100));
    }

    [Fact]
    public void Hasher_CountsRepeatedWords_AsOneFeatureEach_InAscendingBuckets()
    {
        var hasher = new ScienceFeatureHasher(new ScienceFeatureSpec());
        var once = hasher.Hash(null, "the enzyme binds the receptor");
        var twice = hasher.Hash(null, "the enzyme binds the receptor the enzyme binds the receptor");
        // Repeating the text adds only the pair "receptor the": every other feature is the same bucket with a larger count.
        Assert.Equal(once.Count + 1, twice.Count);
        Assert.True(once.Indices.Zip(once.Indices.Skip(1)).All(p => p.First < p.Second), "buckets strictly ascending");
        Assert.Equal(1.0, Math.Sqrt(twice.Values.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void Hasher_TitleBlock_AddsTheTitleWords_OnlyWhenWeighted()
    {
        var plain = new ScienceFeatureHasher(new ScienceFeatureSpec()).Hash("Protein folding", "the enzyme binds the receptor");
        var titled = new ScienceFeatureHasher(new ScienceFeatureSpec { TitleWeight = 0.5 }).Hash("Protein folding", "the enzyme binds the receptor");
        Assert.Equal(plain.Count + 2, titled.Count);
    }

    [Fact]
    public void Hasher_OlderSchemas_GetTheirOwnFeatures_AndRemovedBlocksAreRefused()
    {
        // A schema 2, 3 or 4 model with the removed blocks off computes exactly schema 5's features with function words kept.
        var (url, text) = Benchmark("14cc2a0c");
        var now = new ScienceFeatureHasher(new ScienceFeatureSpec()).Hash(new ScienceInput(url, "Europa", text));
        foreach (var schema in (int[])[2, 3, 4])
        {
            var old = new ScienceFeatureSpec { SchemaVersion = schema };
            Assert.Null(old.Unsupported());
            var a = new ScienceFeatureHasher(old).Hash(new ScienceInput(url, "Europa", text));
            Assert.Equal(now.Indices, a.Indices);
            Assert.Equal(now.Values, a.Values);
        }

        // The page-shape and genre blocks are gone: a model that used them is refused, one without them is not.
        Assert.NotNull(new ScienceFeatureSpec { SchemaVersion = 3, ShapeWeight = 0.3 }.Unsupported());
        Assert.NotNull(new ScienceFeatureSpec { SchemaVersion = 4, GenreWeight = 0.3 }.Unsupported());
        Assert.NotNull(new ScienceFeatureSpec { SchemaVersion = 4, DropFunctionWords = true }.Unsupported());
        var json = System.Text.Json.JsonSerializer.Serialize(new ScienceFeatureSpec());
        Assert.DoesNotContain("shape_weight", json, StringComparison.Ordinal);
        Assert.Equal(new ScienceFeatureSpec { SchemaVersion = 3 }, System.Text.Json.JsonSerializer.Deserialize<ScienceFeatureSpec>("""{"schema_version":3,"shape_weight":0}"""));
    }

    [Fact]
    public void Spec_FunctionWordsDigest_RefusesAModelThatDroppedAnotherList_AndPinsTheShippedModelsList()
    {
        Assert.NotNull(new ScienceFeatureSpec { DropFunctionWords = true, FunctionWordsDigest = "0000000000000000" }.Unsupported());
        Assert.Null(new ScienceFeatureSpec { DropFunctionWords = true, FunctionWordsDigest = ScienceFeatureSpec.CurrentFunctionWordsDigest }.Unsupported());
        Assert.Null(new ScienceFeatureSpec { DropFunctionWords = true }.Unsupported());
        // The shipped science-lr-d6931787 dropped this list and predates the digest: a changed list changes its
        // features, so change the list only with a retrained model (which records its digest) and a new pin here.
        Assert.Equal("9a452a6d890833df", ScienceFeatureSpec.CurrentFunctionWordsDigest);
        Assert.Null(ScienceModelInfo.LoadSidecar(Path.Combine(SciCurate.TestSupport.TestData.RepoRoot, "configs/models/science_classifier.onnx"))!.FeatureSpec.FunctionWordsDigest);
    }

    [Fact]
    public void Hasher_DropFunctionWords_ScoresAPageOnItsContentWords_InAnyListedLanguage()
    {
        var drop = new ScienceFeatureHasher(new ScienceFeatureSpec { DropFunctionWords = true });
        var keep = new ScienceFeatureHasher(new ScienceFeatureSpec());
        // The same content words with French, German or English function words around them hash alike once those are dropped.
        var fr = drop.Hash(null, "les mutations du génome dans les cellules de la levure");
        var bare = drop.Hash(null, "mutations génome cellules levure");
        Assert.Equal(bare.Indices, fr.Indices);
        Assert.Equal(bare.Values, fr.Values);
        Assert.Equal(drop.Hash(null, "die Zellen der Hefe und das Genom").Indices, drop.Hash(null, "Zellen Hefe Genom").Indices);
        Assert.NotEqual(keep.Hash(null, "the cells of the yeast").Indices, keep.Hash(null, "cells yeast").Indices);
        Assert.Equal(drop.Hash(null, "the cells of the yeast").Indices, drop.Hash(null, "cells yeast").Indices);
        // Chinese has no list: its characters stay.
        Assert.Equal(keep.Hash(null, "我们的研究结果表明").Indices, drop.Hash(null, "我们的研究结果表明").Indices);
        // A page of nothing but function words has no features (and would be "no text" only by its letters, not here).
        Assert.Equal(0, drop.Hash(null, "the of and to in").Count);
    }

    [Fact]
    public void Evaluation_HostGrain_JudgesPortalSubdomainsApart()
    {
        // A portal: a physics section and a cooking section under one registered domain, plus www and bare host.
        LabelledPage P(string id, string url, ScienceLabel label) => new()
        {
            Id = id, Url = url, Domain = RegisteredDomain.OfUrl(url), Language = "en", Text = "", Split = "test", Label = label,
        };
        LabelledPage[] pages =
        [
            P("a", "https://physics.portal.example.com/relativity", ScienceLabel.Science),
            P("b", "https://cooking.portal.example.com/muffins", ScienceLabel.Not),
            P("c", "https://www.other.example.org/x", ScienceLabel.Not),
            P("d", "https://other.example.org/y", ScienceLabel.Not),
        ];
        PageScience[] model = [new(true, 0.9), new(true, 0.05), new(true, 0.1), new(true, 0.3)];
        double[] lexical = [0, 0, 0, 0];

        var byDomain = DomainOutcome.Of(pages, model, lexical);
        Assert.Equal(["example.com", "example.org"], byDomain.Select(d => d.Domain));
        Assert.True(byDomain[0].Science); // one science page and one not: a tie counts as science
        Assert.Equal(0.475, byDomain[0].Model!.Value, 6);

        var byHost = DomainOutcome.Of(pages, model, lexical, VerdictGrain.Host);
        Assert.Equal(["cooking.portal.example.com", "other.example.org", "physics.portal.example.com"], byHost.Select(d => d.Domain));
        Assert.Equal([false, false, true], byHost.Select(d => d.Science));
        Assert.Equal(0.2, byHost[1].Model!.Value, 6); // www. and the bare host are one site
    }

    private string Write(string name, ScienceModelInfo info, bool withSidecar)
    {
        var path = System.IO.Path.Combine(_dir, name);
        File.WriteAllBytes(path, OnnxLinearGraph.Build(new float[info.FeatureSpec.Buckets], 0, 1, 0, info.Metadata()));
        if (withSidecar)
        {
            info.Save(path);
        }

        return path;
    }
}
