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
        { new RandomCutForestOptions { BoundingBoxCacheFraction = -0.1 }, "BoundingBoxCacheFraction must be between 0 and 1 (got -0.1)" },
        { new RandomCutForestOptions { BoundingBoxCacheFraction = 1.5 }, "BoundingBoxCacheFraction must be between 0 and 1 (got 1.5)" },
        { new RandomCutForestOptions { BoundingBoxCacheFraction = double.NaN }, "BoundingBoxCacheFraction must be between 0 and 1 (got NaN)" },
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

    [Theory]
    [InlineData(1, 1, null, 0.0)]
    [InlineData(1, 4, null, 1.0)]
    [InlineData(2, 1, null, 1.0)]
    [InlineData(1, 1, 0.25, 0.25)]
    [InlineData(1, 8, 0.0, 0.0)]
    public void Without_a_cache_fraction_one_coordinate_caches_no_box_and_more_cache_every_box(
        int dimensions, int shingle, double? fraction, double effective)
    {
        var options = new RandomCutForestOptions { Dimensions = dimensions, ShingleSize = shingle, BoundingBoxCacheFraction = fraction };

        Assert.Equal(effective, options.EffectiveBoundingBoxCacheFraction);
    }

    [Fact]
    public void FromBytes_refuses_a_cache_fraction_out_of_range_naming_it()
    {
        var bytes = new RandomCutForest(new RandomCutForestOptions { NumberOfTrees = 2, SampleSize = 4 }).ToBytes();
        var detector = new ThresholdedRandomCutForest(new RandomCutForestOptions { NumberOfTrees = 2, SampleSize = 4 }).ToBytes();

        var error = Assert.Throws<ArgumentException>(() => RandomCutForest.FromBytes(bytes, 2.0));
        var thresholdedError = Assert.Throws<ArgumentException>(() => ThresholdedRandomCutForest.FromBytes(detector, -1.0));

        Assert.Contains("BoundingBoxCacheFraction must be between 0 and 1 (got 2)", error.Message);
        Assert.Contains("BoundingBoxCacheFraction must be between 0 and 1 (got -1)", thresholdedError.Message);
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
