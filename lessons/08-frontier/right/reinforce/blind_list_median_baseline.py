# variant: pure-Python backward list recursion, per-episode loss terms summed then averaged, median baseline
import statistics
import torch
from torch import nn


def make_policy(obs_dim, n_actions):
    return nn.Sequential(nn.Linear(obs_dim, 32), nn.ReLU(), nn.Linear(32, n_actions))


def returns_to_go(rewards, gamma):
    vals = [float(v) for v in torch.as_tensor(rewards).reshape(-1).tolist()]
    out = []
    g = 0.0
    for r in vals[::-1]:
        g = r + gamma * g
        out.append(g)
    out.reverse()
    return torch.tensor(out, dtype=torch.float32)


def reinforce_loss(log_probs, rewards, gamma, baseline):
    terms = []
    for lp, r in zip(log_probs, rewards):
        adv = returns_to_go(r, gamma).to(device=lp.device, dtype=lp.dtype) - baseline
        terms.append(torch.dot(lp.reshape(-1), adv))
    return -torch.stack(terms).mean()


def play_episode(env, policy):
    obs, _ = env.reset()
    lps, rs = [], []
    done = False
    while not done:
        logits = policy(torch.as_tensor(obs, dtype=torch.float32).reshape(1, -1))[0]
        d = torch.distributions.Categorical(logits=logits)
        a = d.sample()
        obs, r, terminated, truncated, _ = env.step(a.item())
        lps.append(d.log_prob(a))
        rs.append(float(r))
        done = bool(terminated or truncated)
    return torch.stack(lps), torch.tensor(rs, dtype=torch.float32)


def make_optimizer(policy):
    return torch.optim.Adam(policy.parameters(), lr=0.02)


def train_iteration(policy, optimizer, env, episodes, gamma):
    lps, rss = [], []
    for _ in range(episodes):
        lp, rs = play_episode(env, policy)
        lps.append(lp)
        rss.append(rs)
    allg = torch.cat([returns_to_go(r, gamma) for r in rss]).tolist()
    baseline = float(statistics.median(allg))
    optimizer.zero_grad()
    loss = reinforce_loss(lps, rss, gamma, baseline)
    loss.backward()
    optimizer.step()
    return [float(r.sum()) for r in rss]
