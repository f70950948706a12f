import os; exec(open(os.path.join(os.path.dirname(__file__), 'common.py')).read())
# The words as a veto only: a TF-IDF logistic regression of the words, trained on the articles
# where some rule of the news topic holds (its positives against the near misses), may lower the
# features' log-odds, never raise them: final = features' logit + B * min(0, words' logit).
#   HARD_COST=2 GLOBAL_IDF=1 tools/topic-experiments/run.sh text_veto.py 1 10   (B, C of the words)
import sys
texts=load_texts()
B=float(sys.argv[1]); Ct=float(sys.argv[2])
vec=tfidf
ALL=vec().fit(texts) if os.environ.get('GLOBAL_IDF') else None
class Veto:
    def __init__(s,c,rules): s.c=c; s.rules=rules
    def fit(s,X,y,sample_weight=None):
        idx=X[:,0].astype(int); F=X[:,1:]
        s.lr=LogisticRegression(C=s.c,class_weight='balanced',max_iter=2000).fit(F,y,sample_weight=sample_weight)
        near=(F[:,s.rules]>0)|y
        if B>0 and y[near].any() and (~y[near]).any():
            s.v=ALL if ALL is not None else vec().fit([texts[i] for i in idx[near]])
            s.t=LogisticRegression(C=Ct,class_weight='balanced',max_iter=2000).fit(
                s.v.transform([texts[i] for i in idx[near]]),y[near],sample_weight=sample_weight[near])
        else: s.t=None
        return s
    def predict_proba(s,X):
        idx=X[:,0].astype(int); z=s.lr.decision_function(X[:,1:])
        if s.t is not None:
            z=z+B*np.minimum(0,s.t.decision_function(s.v.transform([texts[i] for i in idx])))
        p=1/(1+np.exp(-z)); return np.stack([1-p,p],1)
feats=lambda t: np.hstack([np.arange(N)[:,None],data[t][3]])
# the rules' score leads every news topic's features (TopicFeatures.RULES_SCORE)
RULES=0
assert all(data[t][0][RULES]=='rules' for t in TOP)
print(B,Ct,np.round(evaluate(lambda c: Veto(c,RULES),[.3,1,3,10],feats,verbose=True),3),flush=True)
