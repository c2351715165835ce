// A host built on go-plugin's own client: launches a scafctl plugin (our Java echo plugin in the
// tests), calls it the way the Go scafctl does, and exits 0 only when every answer is right.
// With check-descriptors, it applies the Go scafctl's descriptor checks instead (registry.go).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	pb "scafctl.test/pluginpb"
)

type providerPlugin struct {
	plugin.NetRPCUnsupportedPlugin
}

func (p *providerPlugin) GRPCServer(_ *plugin.GRPCBroker, _ *grpc.Server) error {
	return fmt.Errorf("this program is a host only")
}

func (p *providerPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return pb.NewPluginServiceClient(c), nil
}

// logWatch passes the client's log through and remembers whether go-plugin had to force-kill the
// plugin, which it does when the plugin has not exited 2 s after its Shutdown call.
type logWatch struct {
	out    io.Writer
	forced bool
}

func (w *logWatch) Write(p []byte) (int, error) {
	if strings.Contains(string(p), "plugin failed to exit gracefully") {
		w.forced = true
	}
	return w.out.Write(p)
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "FAIL: "+format+"\n", args...)
	os.Exit(1)
}

type envelope struct {
	Data     json.RawMessage `json:"data"`
	Warnings []string        `json:"warnings"`
}

func data(out []byte) map[string]interface{} {
	var env envelope
	if err := json.Unmarshal(out, &env); err != nil {
		fail("output is not an envelope: %v: %s", err, out)
	}
	var m map[string]interface{}
	if err := json.Unmarshal(env.Data, &m); err != nil {
		fail("data is not an object: %s", env.Data)
	}
	return m
}

// start launches the plugin at path with go-plugin's client and dispenses its provider service.
func start(path string) (*plugin.Client, pb.PluginServiceClient, *logWatch) {
	log := &logWatch{out: os.Stderr}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  1,
			MagicCookieKey:   "SCAFCTL_PLUGIN",
			MagicCookieValue: "scafctl_provider_plugin",
		},
		Plugins:          map[string]plugin.Plugin{"provider": &providerPlugin{}},
		Cmd:              exec.Command(path),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		StartTimeout:     60 * time.Second,
		Logger:           hclog.New(&hclog.LoggerOptions{Name: "host", Output: log, Level: hclog.Info}),
	})
	rpc, err := client.Client()
	if err != nil {
		client.Kill()
		fail("start: %v", err)
	}
	if err := rpc.Ping(); err != nil {
		client.Kill()
		fail("health check: %v", err)
	}
	raw, err := rpc.Dispense("provider")
	if err != nil {
		client.Kill()
		fail("dispense: %v", err)
	}
	return client, raw.(pb.PluginServiceClient), log
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "check-descriptors" {
		checkDescriptors(os.Args[2])
		return
	}
	if len(os.Args) != 2 {
		fail("usage: host PLUGIN | host check-descriptors PLUGIN")
	}
	client, svc, log := start(os.Args[1])
	defer client.Kill()
	ctx := context.Background()

	names, err := svc.GetProviders(ctx, &pb.GetProvidersRequest{})
	if err != nil {
		fail("GetProviders: %v", err)
	}
	desc, err := svc.GetProviderDescriptor(ctx, &pb.GetProviderDescriptorRequest{ProviderName: "echo"})
	if err != nil || desc.ProviderDescriptor.GetName() != "echo" {
		fail("GetProviderDescriptor: %v %v", err, desc)
	}
	conf, err := svc.ConfigureProvider(ctx, &pb.ConfigureProviderRequest{ProviderName: "echo", ProtocolVersion: 2, BinaryName: "scafctl"})
	if err != nil || conf.Error != "" {
		fail("ConfigureProvider: %v %v", err, conf)
	}

	input := []byte(`{"message":"from go"}`)
	unary, err := svc.ExecuteProvider(ctx, &pb.ExecuteProviderRequest{ProviderName: "echo", Input: input})
	if err != nil || unary.Error != "" {
		fail("ExecuteProvider: %v %v", err, unary)
	}
	if got := data(unary.Output)["message"]; got != "from go" {
		fail("ExecuteProvider returned message %v", got)
	}

	stream, err := svc.ExecuteProviderStream(ctx, &pb.ExecuteProviderRequest{ProviderName: "echo", Input: input})
	if err != nil {
		fail("ExecuteProviderStream: %v", err)
	}
	var stdout strings.Builder
	var result *pb.ExecuteProviderResponse
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail("ExecuteProviderStream recv: %v", err)
		}
		stdout.Write(chunk.GetStdout())
		if chunk.GetResult() != nil {
			result = chunk.GetResult()
		}
	}
	if result == nil || data(result.Output)["message"] != "from go" || !strings.Contains(stdout.String(), "echo: from go") {
		fail("ExecuteProviderStream: stdout %q result %v", stdout.String(), result)
	}

	upperStream, err := svc.ExecuteProviderStream(ctx, &pb.ExecuteProviderRequest{ProviderName: "upper", Input: input})
	if err == nil {
		_, err = upperStream.Recv()
	}
	if status.Code(err) != codes.Unimplemented {
		fail("a provider that does not stream must answer UNIMPLEMENTED, got %v", err)
	}

	client.Kill()
	if !client.Exited() {
		fail("the plugin did not exit after Kill")
	}
	if log.forced {
		fail("the plugin did not exit within 2 s of its Shutdown call and was killed")
	}
	summary, _ := json.Marshal(map[string]interface{}{
		"providers": names.ProviderNames,
		"unary":     data(unary.Output),
		"stdout":    stdout.String(),
		"exited":    client.Exited(),
		"graceful":  !log.forced,
	})
	fmt.Println(string(summary))
}
