namespace TurbineConsole.Rcf.Tests;

public sealed class RandomCutForestOptionsTests
{
    public static TheoryData<RandomCutForestOptions, string> InvalidOptions() => new()
    {
        { new RandomCutForestOptions { Dimensions = 0 }, "Dimensions must be at least 1 (got 0)" },
        { new RandomCutForestOptions { ShingleSize = 0 }, "ShingleSize must be at least 1 (got 0)" },
        { new RandomCutForestOptions { NumberOfTrees = 0 }, "NumberOfTrees must be at least 1 (got 0)" },
        { new RandomCutForestOptions { SampleSize = 1 }, "SampleSize must be between 2 and 32767 (got 1)" },
        { new RandomCutForestOptions { SampleSize = 40_000 }, "SampleSize must be between 2 and 32767 (got 40000)" },
        { new RandomCutForestOptions { TimeDecay = -0.1 }, "TimeDecay must be a finite number >= 0 (got -0.1)" },
        { new RandomCutForestOptions { OutputAfter = 0 }, "OutputAfter must be at least 1 (got 0)" },
        { new RandomCutForestOptions { Dimensions = 100, ShingleSize = 20 }, "Dimensions x ShingleSize must be at most 1024" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_names_the_setting_that_is_out_of_range(RandomCutForestOptions options, string message)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Forest_constructor_validates_its_options()
    {
        Assert.Throws<ArgumentException>(
            () => new RandomCutForest(new RandomCutForestOptions { SampleSize = 0 }));
    }

    [Fact]
    public void Defaults_match_the_reference_settings()
    {
        var options = new RandomCutForestOptions();
        options.Validate();
        Assert.Equal((1, 1, 50, 256, 32, 42L), (options.Dimensions, options.ShingleSize, options.NumberOfTrees,
            options.SampleSize, options.OutputAfter, options.Seed));
        Assert.Equal(1.0 / 2560, options.EffectiveTimeDecay);
    }

    [Fact]
    public void Grade_options_validation_names_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(new AnomalyGradeOptions { ScoreDecay = 0 }.Validate);
        Assert.Contains("ScoreDecay", error.Message);
        Assert.Throws<ArgumentException>(
            () => new ThresholdedRandomCutForest(new RandomCutForestOptions(), new AnomalyGradeOptions { ZFactor = -1 }));
    }
}
