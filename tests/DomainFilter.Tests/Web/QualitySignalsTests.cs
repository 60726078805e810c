using SciCurate.DomainFilter.Web.Quality;

namespace SciCurate.DomainFilter.Tests.Web;

public sealed class QualitySignalsTests
{
    // A clean English text that passes every rule: varied sentences, stop words, punctuation.
    private static readonly string Clean = string.Join("\n\n", new[]
    {
        "The harbour town woke slowly, and the fishermen walked down to the boats with their nets over their shoulders.",
        "By seven the market was busy with traders who had driven in from the farms to sell cheese, bread and apples.",
        "A storm had passed in the night, so the water was still grey and the gulls circled low over the breakwater.",
        "Children ran along the quay to see what the first boat had brought back, shouting the names of the fish.",
        "Later that morning the mayor opened the new library, a small building of red brick that had taken two years to finish.",
        "She thanked the volunteers who had carried boxes of books up the hill and promised that the doors would stay open late.",
    });

    [Fact]
    public void CleanText_FailsNoRule()
    {
        var failed = QualitySignals.FailedRules(QualitySignals.Compute(Clean));

        Assert.Empty(failed);
    }

    public static TheoryData<string, string> Crafted()
    {
        string Words(int n, string word = "word") => string.Join(' ', Enumerable.Range(0, n).Select(i => word + (char)('a' + (i % 26))));
        string Lines(Func<int, string> f, int n) => string.Join('\n', Enumerable.Range(0, n).Select(f));
        return new TheoryData<string, string>
        {
            { "gopher_min_words", "The cat sat on the mat with the dog." },
            { "gopher_max_words", string.Join(' ', Enumerable.Repeat("the cat", 50_001)) },
            { "gopher_min_mean_word_length", string.Join(' ', Enumerable.Repeat("a an to of it is the", 20)) + "." },
            { "gopher_max_mean_word_length", string.Join(' ', Enumerable.Repeat("extraordinarily incomprehensibilities the and", 20)) + "." },
            { "gopher_hash_ratio", string.Join(' ', Enumerable.Repeat("#tag the and #more", 20)) },
            { "gopher_ellipsis_ratio", string.Join(' ', Enumerable.Repeat("the and wait...", 30)) },
            { "gopher_bullet_lines", Lines(i => $"• item {i} of the list and more", 60) },
            { "gopher_ellipsis_lines", Lines(i => $"Line {i} with the words and it trails off...", 60) },
            { "gopher_alpha_words", string.Join(' ', Enumerable.Repeat("12 34 56 78 90 the and", 20)) },
            { "gopher_stop_words", Words(80) + "." },
            { "gopher_dup_lines", Clean + "\n" + Lines(_ => "Buy now and save.", 10) },
            { "gopher_dup_line_chars", Clean + "\n" + Lines(_ => "This long sentence is repeated many times in the page to inflate it.", 6) },
            { "gopher_dup_paragraphs", Clean + "\n\n" + string.Join("\n\n", Enumerable.Repeat("Same paragraph.", 10)) },
            { "gopher_dup_paragraph_chars", Clean + "\n\n" + string.Join("\n\n", Enumerable.Repeat("This long paragraph is repeated many times in the page to inflate it.", 6)) },
            { "gopher_top_2gram", Clean + " " + string.Join(' ', Enumerable.Repeat("click here", 60)) },
            { "gopher_top_3gram", Clean + " " + string.Join(' ', Enumerable.Repeat("buy it now", 60)) },
            { "gopher_top_4gram", Clean + " " + string.Join(' ', Enumerable.Repeat("buy it right now", 50)) },
            { "gopher_dup_5grams", Clean + " " + string.Join(' ', Enumerable.Repeat("one two three four five", 20)) },
            { "gopher_dup_10grams", Clean + " " + string.Join(' ', Enumerable.Repeat("one two three four five six seven eight nine ten", 10)) },
            { "c4_lorem_ipsum", Clean + "\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit." },
            { "c4_curly_bracket", Clean + "\n\nfunction f() { return the and; }" },
            { "c4_min_sentences", "The only sentence here is long enough to have the and of that with many more words in it." },
            { "fineweb_line_punct", Lines(i => $"Heading number {i} of the and", 30) },
            { "fineweb_short_lines", Lines(i => $"The and item {i}.", 40) },
            { "fineweb_dup_line_chars", Clean + "\n" + Lines(_ => "Subscribe to the newsletter for the best deals and the latest news.", 3) },
            { "fineweb_list_like", Lines(i => $"the {i} and", 50) },
        };
    }

    [Theory]
    [MemberData(nameof(Crafted))]
    public void CraftedText_FailsItsRule(string rule, string text)
    {
        var signals = QualitySignals.Compute(text);

        Assert.Contains(rule, QualitySignals.FailedRules(signals));
    }

    [Fact]
    public void EveryRule_HasATest_AndAPublishedThreshold()
    {
        var tested = Crafted().Select(row => (string)row[0]).ToHashSet();
        var untested = QualityRules.All.Select(r => r.Name).Where(n => !tested.Contains(n)).ToList();

        // The 6- to 9-gram rules share the 5- and 10-gram code path and text shape; all others are crafted above.
        Assert.Equal(["gopher_dup_6grams", "gopher_dup_7grams", "gopher_dup_8grams", "gopher_dup_9grams"], untested);
        Assert.Equal(0.1, QualityRules.All.Single(r => r.Name == "fineweb_dup_line_chars").Threshold);
    }

    [Fact]
    public void DuplicateNGramSignals_Grow_WithRepetition()
    {
        var once = QualitySignals.Compute(Clean);
        var repeated = QualitySignals.Compute(Clean + " " + string.Join(' ', Enumerable.Repeat("one two three four five six seven eight nine ten", 10)));

        for (var n = 5; n <= 10; n++)
        {
            var rule = QualityRules.All.Single(r => r.Signal == $"gopher_dup_{n}gram_char_ratio");
            Assert.Equal(0, rule.Read(once));
            Assert.True(rule.Read(repeated) > rule.Threshold);
        }
    }
}
