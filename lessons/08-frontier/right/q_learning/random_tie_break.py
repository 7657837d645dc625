import numpy as np


def epsilon_greedy(q_values, epsilon, rng):
    # break ties at random among the best actions
    if rng.uniform() < epsilon:
        return int(rng.choice(len(q_values)))
    best = np.flatnonzero(q_values == q_values.max())
    return int(rng.choice(best))


def q_update(Q, s, a, r, s_next, done, alpha, gamma):
    td_target = r + gamma * Q[s_next].max() * (1 - int(done))
    Q[s, a] = (1 - alpha) * Q[s, a] + alpha * td_target


def q_learning(env, episodes, alpha, gamma, epsilon, rng):
    Q = np.zeros((env.n_states, env.n_actions), dtype=np.float64)
    for episode in range(episodes):
        state = env.reset()
        while True:
            action = epsilon_greedy(Q[state], epsilon, rng)
            nxt, reward, done = env.step(action)
            q_update(Q, state, action, reward, nxt, done, alpha, gamma)
            if done:
                break
            state = nxt
    return Q
