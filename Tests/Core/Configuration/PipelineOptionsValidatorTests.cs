using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Tests.Core.Configuration;

public class PipelineOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(PipelineOptionsValidator.Errors(new PipelineOptions()));
    }

    [Fact]
    public void Each_bad_setting_gets_a_message_naming_it_and_what_it_must_be()
    {
        var options = new PipelineOptions { DataDirectory = " " };
        options.Streams.WindData = "Wind Data!";
        options.Streams.ShardCount = 0;
        options.Tables.MaxWindSpeed = "ab";
        options.AnomalyDetection.SampleSize = 1;
        options.MaxSpeed.Window = TimeSpan.FromMilliseconds(500);
        options.Functions.BatchSize = 20_000;

        var errors = PipelineOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Pipeline:DataDirectory"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Streams:WindData") && e.Contains("letters, digits"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Streams:ShardCount must be 1 to 64"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Tables:MaxWindSpeed") && e.Contains("at least 3"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:AnomalyDetection:SampleSize"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:MaxSpeed:Window"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Functions:BatchSize") && e.Contains("Lambda"));
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void The_pipeline_refuses_to_start_with_bad_settings()
    {
        var options = new PipelineOptions();
        options.Streams.AnomalyDetection = options.Streams.WindData;

        var error = Assert.Throws<ArgumentException>(() => new Pipeline.Runtime.TurbinePipeline(null!, options));

        Assert.Contains("the three streams must have different names", error.Message);
    }
}
