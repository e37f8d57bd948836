"""The three-guarantee (三包) engine: facts, policy, holidays, decisions."""
