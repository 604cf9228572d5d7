"""户籍管理 tab: the household table (`tab.HouseholdsTab`) and the household editor (`editor`)."""
