using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Tests.Core.Configuration;

public class PipelineOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(PipelineOptionsValidator.Errors(new PipelineOptions()));
    }

    [Theory]
    [InlineData(ProcessRole.Web)]
    [InlineData(ProcessRole.Worker)]
    public void A_cluster_role_on_the_embedded_backend_is_refused_naming_both_settings(ProcessRole role)
    {
        var errors = PipelineOptionsValidator.Errors(new PipelineOptions { Role = role }).ToList();

        var error = Assert.Single(errors);
        Assert.StartsWith($"Pipeline:Role is {role}, but the embedded backend runs in one process only", error);
        Assert.Contains("Pipeline:Backend to Aws", error);
    }

    [Fact]
    public void A_worker_on_the_AWS_backend_with_the_default_cluster_settings_is_valid()
    {
        Assert.Empty(PipelineOptionsValidator.Errors(new PipelineOptions { Role = ProcessRole.Worker, Backend = BackendKind.Aws }));
    }

    [Fact]
    public void Bad_cluster_settings_get_a_message_each_naming_the_setting_and_its_range()
    {
        var options = new PipelineOptions { Role = ProcessRole.Worker, Backend = BackendKind.Aws };
        options.Cluster.Redis = "";
        options.Cluster.ClusterId = "a b";
        options.Cluster.AdvertisedAddress = "not-an-ip";
        options.Cluster.SiloPort = 70_000;
        options.Cluster.KeeperInterval = TimeSpan.Zero;
        options.Cluster.ProbeTimeout = TimeSpan.FromMinutes(2);
        options.Cluster.IAmAliveInterval = TimeSpan.Zero;

        var errors = PipelineOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:Redis must name"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:ClusterId must be 1 to 100 letters"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:AdvertisedAddress must be an IP address"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:SiloPort must be 1 to 65535; it is 70000"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:KeeperInterval must be 00:00:00.1 to 00:01:00"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:ProbeTimeout must be"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Cluster:IAmAliveInterval must be"));
        Assert.Equal(7, errors.Count);
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
        options.Jobs.KeyIdleAfter = TimeSpan.FromSeconds(-1);
        options.Jobs.MaxKeysPerShard = 0;

        var errors = PipelineOptionsValidator.Errors(options).ToList();

        Assert.Contains(errors, e => e.StartsWith("Pipeline:DataDirectory"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Streams:WindData") && e.Contains("letters, digits"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Streams:ShardCount must be 1 to 64"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Tables:MaxWindSpeed") && e.Contains("at least 3"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:AnomalyDetection:SampleSize"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:MaxSpeed:Window"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Functions:BatchSize") && e.Contains("Lambda"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Jobs:KeyIdleAfter must be zero (keep every key in memory) or positive"));
        Assert.Contains(errors, e => e.StartsWith("Pipeline:Jobs:MaxKeysPerShard must be 1 to 1000000"));
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void A_configuration_that_still_sets_Functions_MaxRetryAttempts_is_refused_saying_records_are_now_retried_until_stored()
    {
        var options = new PipelineOptions();
        options.Functions.MaxRetryAttempts = 3;

        var error = Assert.Single(PipelineOptionsValidator.Errors(options));

        Assert.StartsWith("Pipeline:Functions:MaxRetryAttempts is no longer a setting", error);
        Assert.Contains("retried from its checkpoint until it is stored", error);
        Assert.Contains("Remove the setting", error);
    }

    [Theory]
    [InlineData("Jobs", 0)]
    [InlineData("Functions", 0)]
    [InlineData("Functions", 31_000)]
    public void A_retry_backoff_of_zero_or_beyond_the_30_second_cap_is_refused(string section, int milliseconds)
    {
        var options = new PipelineOptions();
        if (section == "Jobs")
            options.Jobs.RetryBackoff = TimeSpan.FromMilliseconds(milliseconds);
        else
            options.Functions.RetryBackoff = TimeSpan.FromMilliseconds(milliseconds);

        var error = Assert.Single(PipelineOptionsValidator.Errors(options));

        Assert.StartsWith($"Pipeline:{section}:RetryBackoff must be 00:00:00.001 to 00:00:30", error);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_bounding_box_cache_fraction_outside_0_to_1_is_refused_naming_the_range(double fraction)
    {
        var options = new PipelineOptions();
        options.AnomalyDetection.BoundingBoxCacheFraction = fraction;

        var error = Assert.Single(PipelineOptionsValidator.Errors(options));

        Assert.StartsWith("Pipeline:AnomalyDetection:BoundingBoxCacheFraction must be 0 to 1", error);
        Assert.EndsWith($"it is {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void An_unset_cache_fraction_or_one_from_0_to_1_is_valid(double? fraction)
    {
        var options = new PipelineOptions();
        options.AnomalyDetection.BoundingBoxCacheFraction = fraction;

        Assert.Empty(PipelineOptionsValidator.Errors(options));
    }

    [Fact]
    public void The_pipeline_refuses_to_start_with_bad_settings()
    {
        var options = new PipelineOptions();
        options.Streams.AnomalyDetection = options.Streams.WindData;

        var error = Assert.Throws<ArgumentException>(() => new Pipeline.Runtime.TurbinePipeline(null!, options));

        Assert.Contains("the four streams must have different names", error.Message);
    }
}
